/* The project's own pseudo-random generator: SplitMix64 expands the seed
 * into the 256-bit state of xoshiro256** (Blackman & Vigna). Written out
 * here so that a lesson's seed gives bit-identical weights everywhere. */
#include "model/prng.h"

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

void prng_init(Prng *rng, uint64_t seed)
{
    /* SplitMix64 never yields four zero words in a row, so the state is
     * never the all-zero fixed point of xoshiro, whatever the seed. */
    uint64_t x = seed;
    for (int i = 0; i < 4; i++)
        rng->s[i] = splitmix64(&x);
}

uint64_t prng_next(Prng *rng)
{
    uint64_t *s = rng->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

double prng_uniform(Prng *rng)
{
    /* The top 53 bits fill a double's mantissa exactly. */
    return (double)(prng_next(rng) >> 11) * 0x1.0p-53;
}

double prng_range(Prng *rng, double lo, double hi)
{
    return lo + (hi - lo) * prng_uniform(rng);
}

int prng_below(Prng *rng, int n)
{
    /* Lemire's multiply-shift with rejection: unbiased for every n, and
     * usually no division at all. */
    uint32_t range = (uint32_t)n;
    uint64_t m = (prng_next(rng) >> 32) * range;
    uint32_t low = (uint32_t)m;
    if (low < range) {
        uint32_t threshold = (0u - range) % range;
        while (low < threshold) {
            m = (prng_next(rng) >> 32) * range;
            low = (uint32_t)m;
        }
    }
    return (int)(m >> 32);
}
