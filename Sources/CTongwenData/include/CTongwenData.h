#ifndef CTONGWENDATA_H
#define CTONGWENDATA_H

#include <stddef.h>
#include <stdint.h>

/// The compiled table archive (see Sources/Tongwen/Dictionary/TableArchive.swift).
const uint8_t *tongwen_tables_bytes(void);
size_t tongwen_tables_count(void);

#endif
