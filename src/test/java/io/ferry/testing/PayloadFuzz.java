package io.ferry.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Feeds mutants of a parser's seed payloads ({@link PayloadMutator}) to the parser and checks the one property every
 * parser must have: each payload either parses into a value, or fails with the provider's own clear error (its
 * exception type, with a message naming what was wrong) — never anything else (NullPointerException,
 * ClassCastException, NumberFormatException, ArithmeticException, a raw Jackson exception, StackOverflowError…).
 *
 * <p>One JUnit dynamic test per seed payload, plus one that checks how many mutants ran. Every failing mutant is
 * listed with its seed and payload; {@code PayloadMutator.mutate(seedPayload, seed)} gives it back. The base seed
 * is fixed ({@value #DEFAULT_SEED}) so every build runs the same cases; {@code -Dferry.fuzz.seed=N} runs others.
 */
public final class PayloadFuzz {
    public static final long DEFAULT_SEED = 20261123L;

    /** The parser under test: returns (the payload was read, and any checks on the value passed) or throws. */
    @FunctionalInterface
    public interface Parser {
        void parse(String payload) throws Exception;
    }

    /** A seed payload and the entry point its mutants go through. */
    public record Case(Seed seed, Parser parser) {}

    /** A named example payload. */
    public record Seed(String name, String payload) {
        /** A test resource, e.g. {@code /gcs/s1-list-item-success.json}. */
        public static Seed resource(String path) {
            try (InputStream in = PayloadFuzz.class.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalArgumentException("no test resource " + path);
                }
                return new Seed(path, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * How a parser may fail: only with {@code type}, and {@code unclear} says what is wrong with such an error
     * (null when it is clear: a code, a message naming the problem).
     */
    public record ClearError<E extends Exception>(Class<E> type, Function<E, String> unclear) {}

    private PayloadFuzz() {}

    public static long baseSeed() {
        return Long.getLong("ferry.fuzz.seed", DEFAULT_SEED);
    }

    /**
     * {@code perSeed} mutants of every seed through {@code parser}; the last dynamic test checks that at least
     * {@code atLeast} mutants ran and prints the tally (parsed / clear errors).
     */
    public static <E extends Exception> Stream<DynamicTest> tests(
            String parserName, List<Case> cases, int perSeed, int atLeast, ClearError<E> clear) {
        AtomicInteger ran = new AtomicInteger();
        AtomicInteger parsed = new AtomicInteger();
        AtomicInteger rejected = new AtomicInteger();
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases) {
            Seed seed = c.seed();
            Parser parser = c.parser();
            long base = new java.util.Random(baseSeed() * 31 + seed.name().hashCode()).nextLong();
            tests.add(DynamicTest.dynamicTest(seed.name() + " × " + perSeed + " mutants", () -> {
                List<String> failures = new ArrayList<>();
                for (PayloadMutator.Mutant m : PayloadMutator.mutants(seed.payload(), base, perSeed)) {
                    ran.incrementAndGet();
                    String problem = check(m.payload(), clear, parser, parsed, rejected);
                    if (problem != null) {
                        failures.add(m + "\n    → " + problem);
                    }
                }
                if (!failures.isEmpty()) {
                    throw new AssertionError(parserName + ": " + failures.size() + " of " + perSeed + " mutants of "
                            + seed.name() + " broke the parser (replay: PayloadMutator.mutate(<" + seed.name()
                            + ">, seed)):\n" + failures.stream().limit(8).collect(Collectors.joining("\n")));
                }
            }));
        }
        tests.add(DynamicTest.dynamicTest(parserName + ": at least " + atLeast + " mutants", () -> {
            System.out.printf("[fuzz] %s: %d mutants of %d seed payloads (base seed %d): %d parsed, %d clear errors%n",
                    parserName, ran.get(), cases.size(), baseSeed(), parsed.get(), rejected.get());
            if (ran.get() < atLeast) {
                throw new AssertionError(parserName + ": only " + ran.get() + " mutants ran, expected " + atLeast);
            }
        }));
        return tests.stream();
    }

    /** Null when the parser behaved; else what it did (the unexpected throwable with where it came from). */
    private static <E extends Exception> String check(
            String payload, ClearError<E> clear, Parser parser, AtomicInteger parsed, AtomicInteger rejected) {
        try {
            parser.parse(payload);
            parsed.incrementAndGet();
            return null;
        } catch (Throwable t) {
            if (clear.type().isInstance(t)) {
                String unclear = clear.unclear().apply(clear.type().cast(t));
                if (unclear == null) {
                    rejected.incrementAndGet();
                    return null;
                }
                return "unclear error (" + unclear + "): " + t;
            }
            return describe(t);
        }
    }

    /**
     * The test's own oracle for a number on the wire: the exact long a JSON number or decimal string stands for, or -1
     * when it is none (absent, another type, a fraction, beyond a long, NaN, Infinity).
     */
    public static long wholeNumber(JsonNode v) {
        if (v == null || v.isNull() || !(v.isNumber() || v.isTextual())) {
            return -1;
        }
        try {
            BigDecimal d = new BigDecimal(v.asText().trim());
            if (d.scale() < -20 || d.precision() - d.scale() > 20) {
                return -1;
            }
            return d.longValueExact();
        } catch (NumberFormatException | ArithmeticException notALong) {
            return -1;
        }
    }

    static String describe(Throwable t) {
        String where = Arrays.stream(t.getStackTrace())
                .filter(f -> f.getClassName().startsWith("io.ferry") && !f.getClassName().startsWith("io.ferry.testing"))
                .limit(3)
                .map(StackTraceElement::toString)
                .collect(Collectors.joining(" < "));
        String text = t.toString();
        return (text.length() > 400 ? text.substring(0, 400) + "…" : text) + (where.isEmpty() ? "" : " at " + where);
    }
}
