package com.salespulse.producers.generator;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The generator's source of randomness: a {@link SplittableRandom} with the few distributions a
 * sales floor needs. Each lead, chunk and roster draws from its own stream, derived from the seed
 * and a key, so a lead's journey does not change when another lead's does.
 *
 * <p>The distributions are computed here rather than with the JDK's defaults so that the same
 * seed gives the same events on every JDK.
 */
final class Rng {
    private final SplittableRandom random;

    private Rng(final long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** A stream for {@code (seed, stream, index)}; different keys give independent streams. */
    static Rng of(final long seed, final long stream, final long index) {
        return new Rng(mix(mix(seed ^ 0x9E3779B97F4A7C15L * (stream + 1)) + index));
    }

    /** The SplitMix64 finaliser: spreads close seeds (1, 2, 3...) far apart. */
    private static long mix(final long value) {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    boolean chance(final double probability) {
        return random.nextDouble() < probability;
    }

    double uniform(final double from, final double to) {
        return from + (to - from) * random.nextDouble();
    }

    int between(final int from, final int toInclusive) {
        return random.nextInt(from, toInclusive + 1);
    }

    double unit() {
        return random.nextDouble();
    }

    /** Exponential with the given mean. */
    double exponential(final double mean) {
        return -mean * Math.log(1.0 - random.nextDouble());
    }

    /** A standard normal variate (Box-Muller). */
    double gaussian() {
        final double u1 = 1.0 - random.nextDouble();
        final double u2 = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    /** Log-normal with the given median and shape: most values near the median, a long right tail. */
    double logNormal(final double median, final double sigma) {
        return median * Math.exp(sigma * gaussian());
    }

    <T> T pick(final List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    /** Index drawn with probability proportional to {@code weights[i]}. */
    int weighted(final double[] weights) {
        double total = 0;
        for (final double weight : weights) {
            total += weight;
        }
        double point = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            point -= weights[i];
            if (point < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
