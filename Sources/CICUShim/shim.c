#include "CICUShim.h"

#include <stdio.h>
#include <string.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/unorm2.h>
#include <unicode/utrans.h>

static void write_message(char *message, int32_t capacity, const char *text) {
    if (message && capacity > 0) snprintf(message, (size_t)capacity, "%s", text);
}

tw_transliterator *tw_transliterator_open(const uint16_t *id, int32_t id_length,
                                          const uint16_t *rules, int32_t rules_length,
                                          char *message, int32_t message_capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UParseError parse_error;
    UTransliterator *transliterator = utrans_openU((const UChar *)id, id_length, UTRANS_FORWARD,
                                                   (const UChar *)rules, rules ? rules_length : 0,
                                                   &parse_error, &status);
    if (U_FAILURE(status)) {
        if (rules && parse_error.line >= 0) {
            char text[128];
            snprintf(text, sizeof text, "%s at rule %d, offset %d", u_errorName(status),
                     (int)parse_error.line, (int)parse_error.offset);
            write_message(message, message_capacity, text);
        } else {
            write_message(message, message_capacity, u_errorName(status));
        }
        return NULL;
    }
    return (tw_transliterator *)transliterator;
}

tw_transliterator *tw_transliterator_clone(const tw_transliterator *transliterator) {
    UErrorCode status = U_ZERO_ERROR;
    UTransliterator *clone = utrans_clone((const UTransliterator *)transliterator, &status);
    return U_FAILURE(status) ? NULL : (tw_transliterator *)clone;
}

void tw_transliterator_close(tw_transliterator *transliterator) {
    utrans_close((UTransliterator *)transliterator);
}

int32_t tw_transliterator_transform(const tw_transliterator *transliterator,
                                    uint16_t *text, int32_t *length, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t limit = *length;
    utrans_transUChars((const UTransliterator *)transliterator, (UChar *)text, length, capacity, 0, &limit, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) return TW_BUFFER_TOO_SMALL;
    return U_FAILURE(status) ? TW_FAILURE : TW_OK;
}

int32_t tw_normalize(int32_t form, const uint16_t *source, int32_t length,
                     uint16_t *destination, int32_t capacity, int32_t *status_out) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *normalizer;
    switch (form) {
    case TW_NFKC: normalizer = unorm2_getNFKCInstance(&status); break;
    case TW_NFD: normalizer = unorm2_getNFDInstance(&status); break;
    case TW_NFKD: normalizer = unorm2_getNFKDInstance(&status); break;
    default: normalizer = unorm2_getNFCInstance(&status); break;
    }
    if (U_FAILURE(status)) { *status_out = TW_FAILURE; return 0; }
    int32_t written = unorm2_normalize(normalizer, (const UChar *)source, length, (UChar *)destination, capacity, &status);
    *status_out = status == U_BUFFER_OVERFLOW_ERROR ? TW_BUFFER_TOO_SMALL : U_FAILURE(status) ? TW_FAILURE : TW_OK;
    return written;
}

tw_converter *tw_converter_open(const char *name, int32_t strict, char *message, int32_t message_capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter *converter = ucnv_open(name, &status);
    if (U_FAILURE(status)) {
        write_message(message, message_capacity, u_errorName(status));
        return NULL;
    }
    if (strict) {
        ucnv_setToUCallBack(converter, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &status);
        ucnv_setFromUCallBack(converter, UCNV_FROM_U_CALLBACK_STOP, NULL, NULL, NULL, &status);
    } else {
        static const UChar replacement[] = {0xFFFD};
        ucnv_setSubstString(converter, replacement, 1, &status);
        status = U_ZERO_ERROR;
    }
    if (U_FAILURE(status)) {
        write_message(message, message_capacity, u_errorName(status));
        ucnv_close(converter);
        return NULL;
    }
    return (tw_converter *)converter;
}

void tw_converter_close(tw_converter *converter) {
    ucnv_close((UConverter *)converter);
}

static int32_t conversion_result(UErrorCode status) {
    if (status == U_BUFFER_OVERFLOW_ERROR) return TW_BUFFER_TOO_SMALL;
    if (status == U_INVALID_CHAR_FOUND) return TW_UNMAPPABLE;
    if (status == U_ILLEGAL_CHAR_FOUND || status == U_TRUNCATED_CHAR_FOUND) return TW_INVALID_INPUT;
    return U_FAILURE(status) ? TW_FAILURE : TW_OK;
}

/// The result of a conversion call; for bad input, how many units were bad.
static int32_t finish(UConverter *converter, UErrorCode status, int decoding, int32_t *bad_length) {
    int32_t result = conversion_result(status);
    *bad_length = 0;
    if (result == TW_INVALID_INPUT || result == TW_UNMAPPABLE) {
        UErrorCode ignored = U_ZERO_ERROR;
        int8_t count = 32;
        if (decoding) {
            char bad[32];
            ucnv_getInvalidChars(converter, bad, &count, &ignored);
        } else {
            UChar bad[32];
            ucnv_getInvalidUChars(converter, bad, &count, &ignored);
        }
        *bad_length = count;
        result = decoding ? TW_INVALID_INPUT : TW_UNMAPPABLE;
    }
    return result;
}

int32_t tw_converter_decode(tw_converter *converter, const uint8_t *source, int32_t length,
                            uint16_t *destination, int32_t capacity, int32_t flush,
                            int32_t *consumed, int32_t *produced, int32_t *bad_length) {
    UErrorCode status = U_ZERO_ERROR;
    const char *input = (const char *)source;
    UChar *output = (UChar *)destination;
    ucnv_toUnicode((UConverter *)converter, &output, output + capacity, &input, input + length, NULL, (UBool)flush, &status);
    *consumed = (int32_t)(input - (const char *)source);
    *produced = (int32_t)(output - (UChar *)destination);
    return finish((UConverter *)converter, status, 1, bad_length);
}

int32_t tw_converter_encode(tw_converter *converter, const uint16_t *source, int32_t length,
                            uint8_t *destination, int32_t capacity, int32_t flush,
                            int32_t *consumed, int32_t *produced, int32_t *bad_length) {
    UErrorCode status = U_ZERO_ERROR;
    const UChar *input = (const UChar *)source;
    char *output = (char *)destination;
    ucnv_fromUnicode((UConverter *)converter, &output, output + capacity, &input, input + length, NULL, (UBool)flush, &status);
    *consumed = (int32_t)(input - (const UChar *)source);
    *produced = (int32_t)(output - (char *)destination);
    return finish((UConverter *)converter, status, 0, bad_length);
}
