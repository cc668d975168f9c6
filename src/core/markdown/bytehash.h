// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>
#include <QHashFunctions>

namespace mdp {

// A hash of bytes for this process's own tables and comparisons (never stored): Qt's qHashBits,
// seeded from 16 bytes on, where a seed lets it use the processor's AES instructions (a quarter
// of SipHash's time on a 180-byte block); below that the seeded hash takes about 160 ns here
// and the unseeded one (murmur, SipHash) 5-12 ns.
inline size_t byteHash(QByteArrayView bytes)
{
    constexpr size_t kSeed = 0x9e3779b97f4a7c15;
    return qHashBits(bytes.data(), size_t(bytes.size()), bytes.size() >= 16 ? kSeed : 0);
}

// `hash` and the hash of the bytes that follow it, as one.
inline size_t byteHash(size_t hash, QByteArrayView bytes)
{
    return hash ^ (byteHash(bytes) + 0x9e3779b9 + (hash << 6) + (hash >> 2));
}

} // namespace mdp
