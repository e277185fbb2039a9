/* A small seeded pseudo-random generator (SplitMix64 seeding xoshiro256**),
 * written here so that the same lesson seed gives bit-identical weights on
 * every machine and every run, whatever the C library's rand() does. */
#ifndef S2S_PRNG_H
#define S2S_PRNG_H

#include <stdint.h>

typedef struct {
    uint64_t s[4];
} Prng;

/* Seeds the generator; every seed (0 included) gives a distinct stream. */
void prng_init(Prng *rng, uint64_t seed);

/* Next 64 random bits. */
uint64_t prng_next(Prng *rng);

/* Uniform double in [0, 1), 53 random bits. */
double prng_uniform(Prng *rng);

/* Uniform double in [lo, hi). */
double prng_range(Prng *rng, double lo, double hi);

/* Uniform integer in [0, n); n > 0. */
int prng_below(Prng *rng, int n);

#endif
