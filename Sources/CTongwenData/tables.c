#include "CTongwenData.h"

// tables.bin is written by `swift run tongwen-compile-data` from Data/;
// a test checks that it is fresh. #embed keeps it out of any source text.
#pragma clang diagnostic ignored "-Wc23-extensions"
__attribute__((aligned(16)))
static const uint8_t tables[] = {
#embed "tables.bin" if_empty(0)
};

const uint8_t *tongwen_tables_bytes(void) { return tables; }
size_t tongwen_tables_count(void) { return sizeof(tables); }
