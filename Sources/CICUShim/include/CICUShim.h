#ifndef CICUSHIM_H
#define CICUSHIM_H

// The only bridge to ICU: plain C types and opaque handles, so that Swift
// modules never see ICU's versioned names or types (which clash with the ICU
// that Foundation bundles).

#include <stdint.h>

/// Error codes other than these are ICU failures; tw_error_name names them.
enum {
    TW_OK = 0,
    TW_BUFFER_TOO_SMALL = 1,
    TW_INVALID_INPUT = 2,
    TW_UNMAPPABLE = 3,
    TW_FAILURE = 4,
};

typedef struct tw_transliterator tw_transliterator;

/// Opens an ICU transform by ID (rules == NULL) or from rules (id is then its name).
/// On failure returns NULL and writes a message into `message`.
tw_transliterator *tw_transliterator_open(const uint16_t *id, int32_t id_length,
                                          const uint16_t *rules, int32_t rules_length,
                                          char *message, int32_t message_capacity);
tw_transliterator *tw_transliterator_clone(const tw_transliterator *transliterator);
void tw_transliterator_close(tw_transliterator *transliterator);
/// Transforms `text[0..<*length]` in place; returns TW_BUFFER_TOO_SMALL when
/// the result needs more than `capacity` units (`*length` is then the need).
int32_t tw_transliterator_transform(const tw_transliterator *transliterator,
                                    uint16_t *text, int32_t *length, int32_t capacity);

/// Normalization forms.
enum { TW_NFC = 0, TW_NFKC = 1, TW_NFD = 2, TW_NFKD = 3 };

/// Normalizes UTF-16; returns the length written or needed (status TW_BUFFER_TOO_SMALL).
int32_t tw_normalize(int32_t form, const uint16_t *source, int32_t length,
                     uint16_t *destination, int32_t capacity, int32_t *status);

typedef struct tw_converter tw_converter;

/// Opens a legacy-encoding converter. With `strict`, invalid or unmappable
/// input stops conversion with TW_INVALID_INPUT / TW_UNMAPPABLE; otherwise it
/// is replaced (U+FFFD when decoding, the encoding's substitute when encoding).
tw_converter *tw_converter_open(const char *name, int32_t strict, char *message, int32_t message_capacity);
void tw_converter_close(tw_converter *converter);

/// Decodes bytes into UTF-16, keeping partial sequences between calls; `flush`
/// at the end. `*consumed` and `*produced` say how far it got. On
/// TW_INVALID_INPUT, `*bad_length` bad bytes end just before `*consumed`.
int32_t tw_converter_decode(tw_converter *converter, const uint8_t *source, int32_t length,
                            uint16_t *destination, int32_t capacity, int32_t flush,
                            int32_t *consumed, int32_t *produced, int32_t *bad_length);

/// Encodes UTF-16 into bytes, the mirror of tw_converter_decode.
int32_t tw_converter_encode(tw_converter *converter, const uint16_t *source, int32_t length,
                            uint8_t *destination, int32_t capacity, int32_t flush,
                            int32_t *consumed, int32_t *produced, int32_t *bad_length);

#endif
