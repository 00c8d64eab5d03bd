package io.ferry.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Mutates a JSON payload (a vendor's example) into a broken one, the way a server, a proxy or a newer API version
 * might: a field dropped, a value of another type, an enum value nobody knows yet, numbers too big for a long or a
 * double, empty strings, deep nesting, a body cut off, flipped bytes, an HTML error page instead of JSON.
 *
 * <p>Deterministic: {@link #mutate(String, long)} gives the same mutant for the same payload and seed, so a failing
 * case is replayed from the seed a test prints. Structural mutations work on Jackson's tree model; the textual ones
 * (huge literals, deep nesting, truncation, byte flips) on the serialized text.
 *
 * <p>Written by hand on purpose: the issue suggested jqwik, but jqwik's maintainers ask AI agents not to use it, and
 * plain JUnit Jupiter dynamic tests over a seeded {@link Random} do what is needed here.
 */
public final class PayloadMutator {
    /** One mutated payload: the seed that made it (for replay), what was done, and the text. */
    public record Mutant(long seed, String mutations, String payload) {
        @Override
        public String toString() {
            return "seed " + seed + " [" + mutations + "]: " + abbreviate(payload, 700);
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Stands in the tree for a raw token put into the text afterwards (1e400, a 5,000-deep array). */
    private static final String RAW = "\u0000raw\u0000";

    /** Enum-like strings no API documents (yet). */
    private static final List<String> UNKNOWN_ENUMS = List.of(
            "SOMETHING_NEW", "pending_review", "Running", " running ", "RUNNING\n", "STATUS_UNSPECIFIED", "null",
            "0", "ΦΑΣΗ", "\u202Eevil", "a".repeat(5000));

    /** Numbers and numeric strings at and beyond the edges: 2^63, 1e400, -1, 2^53+1, fractions, NaN. */
    private static final List<String> HUGE_LITERALS = List.of(
            "9223372036854775808", "\"9223372036854775808\"", "9223372036854775807", "-9223372036854775809",
            "1e400", "\"1e400\"", "-1e400", "-1", "\"-1\"", "9007199254740993", "\"9007199254740993\"",
            "1.5", "\"1.5\"", "-0.0", "0", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "1" + "0".repeat(400),
            "\"0x10\"", "\" 42 \"", "4.2e1", "2147483648", "-2147483649");

    /** Bodies that are not the JSON asked for at all. */
    private static final List<String> NOT_JSON = List.of(
            "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>",
            "<html><body>Service Unavailable</body></html>",
            "<?xml version=\"1.0\"?><fault><reason>Operation Failed</reason><detail>[]</detail></fault>",
            "Internal Server Error", "", " ", "null", "[]", "42", "\"just a string\"", "true", "{", "[{]", "{}",
            "\uFEFF{}", "{\"a\":1}{\"b\":2}", "{'single': 'quotes'}");

    private PayloadMutator() {}

    /** {@code count} mutants of {@code json}, with seeds {@code baseSeed, baseSeed + 1, …}. */
    public static List<Mutant> mutants(String json, long baseSeed, int count) {
        List<Mutant> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(mutate(json, baseSeed + i));
        }
        return out;
    }

    /** The mutant of {@code json} for {@code seed}: one to three mutations, chosen and placed by the seed. */
    public static Mutant mutate(String json, long seed) {
        Random r = new Random(seed);
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException notJson) {
            tree = null;
        }
        if (tree == null || !tree.isContainerNode()) {
            // a seed that is not JSON (a broken doc example): only textual mutations apply
            String text = json;
            List<String> done = new ArrayList<>();
            for (int n = 1 + r.nextInt(2); n > 0; n--) {
                text = textual(text, r, done);
            }
            return new Mutant(seed, String.join(", ", done), text);
        }
        List<String> done = new ArrayList<>();
        List<String> raws = new ArrayList<>();
        int n = 1 + r.nextInt(3);
        String text = null;
        for (int i = 0; i < n; i++) {
            int kind = r.nextInt(100);
            if (kind < 18) {
                dropField(tree, r, done);
            } else if (kind < 38) {
                wrongType(tree, r, done);
            } else if (kind < 50) {
                unknownEnum(tree, r, done);
            } else if (kind < 64) {
                String lit = pick(r, HUGE_LITERALS);
                if (replaceRandom(tree, r, raw(raws, lit))) {
                    done.add("huge number " + lit);
                }
            } else if (kind < 70) {
                emptyString(tree, r, done);
            } else if (kind < 75) {
                int depth = r.nextBoolean() ? 60 : 5000;
                boolean arrays = r.nextBoolean();
                String lit = (arrays ? "[" : "{\"a\":").repeat(depth) + (arrays ? "]" : "}").repeat(depth);
                if (replaceRandom(tree, r, raw(raws, lit))) {
                    done.add("nested " + depth + " deep");
                }
            } else if (kind < 80) {
                duplicateArrayElement(tree, r, done);
            } else {
                text = textual(write(tree, raws), r, done);
                break;
            }
        }
        if (text == null) {
            text = write(tree, raws);
        }
        if (done.isEmpty()) {
            text = textual(text, r, done);
        }
        return new Mutant(seed, String.join(", ", done), text);
    }

    // ---- structural mutations (tree)

    private static void dropField(JsonNode tree, Random r, List<String> done) {
        List<Slot> fields = slots(tree).stream().filter(s -> s.field != null).toList();
        if (fields.isEmpty()) {
            return;
        }
        Slot s = pick(r, fields);
        ((ObjectNode) s.parent).remove(s.field);
        done.add("dropped " + s.path);
    }

    private static void wrongType(JsonNode tree, Random r, List<String> done) {
        List<Slot> all = slots(tree);
        if (all.isEmpty()) {
            return;
        }
        Slot s = pick(r, all);
        JsonNode old = s.get();
        JsonNode replacement;
        do {
            replacement = switch (r.nextInt(6)) {
                case 0 -> NODES.textNode(old.isValueNode() ? old.asText() + "x" : "text");
                case 1 -> NODES.numberNode(r.nextInt(1000) - 1);
                case 2 -> NODES.booleanNode(r.nextBoolean());
                case 3 -> NODES.nullNode();
                case 4 -> NODES.objectNode().put("unexpected", "object");
                default -> NODES.arrayNode().add(old.deepCopy());
            };
        } while (replacement.getNodeType() == old.getNodeType());
        s.set(replacement);
        done.add("type of " + s.path + ": " + old.getNodeType() + " → " + replacement.getNodeType());
    }

    private static void unknownEnum(JsonNode tree, Random r, List<String> done) {
        List<Slot> texts = slots(tree).stream().filter(s -> s.get().isTextual()).toList();
        if (texts.isEmpty()) {
            return;
        }
        Slot s = pick(r, texts);
        String v = pick(r, UNKNOWN_ENUMS);
        s.set(NODES.textNode(v));
        done.add("unknown value at " + s.path + ": " + abbreviate(v, 20));
    }

    private static void emptyString(JsonNode tree, Random r, List<String> done) {
        List<Slot> all = slots(tree);
        if (all.isEmpty()) {
            return;
        }
        Slot s = pick(r, all);
        s.set(NODES.textNode(""));
        done.add("empty string at " + s.path);
    }

    private static void duplicateArrayElement(JsonNode tree, Random r, List<String> done) {
        List<Slot> elements = slots(tree).stream().filter(s -> s.field == null).toList();
        if (elements.isEmpty()) {
            return;
        }
        Slot s = pick(r, elements);
        ArrayNode a = (ArrayNode) s.parent;
        int copies = 1 + r.nextInt(3);
        for (int i = 0; i < copies; i++) {
            a.insert(s.index, s.get().deepCopy());
        }
        done.add("element " + s.path + " repeated " + copies + "×");
    }

    private static boolean replaceRandom(JsonNode tree, Random r, JsonNode with) {
        List<Slot> all = slots(tree);
        // prefer numbers and numeric-looking strings half the time: that is where numbers are parsed
        List<Slot> numeric = all.stream().filter(s -> s.get().isNumber()
                || (s.get().isTextual() && s.get().asText().matches("-?\\d+(\\.\\d+)?"))).toList();
        List<Slot> from = !numeric.isEmpty() && r.nextBoolean() ? numeric : all;
        if (from.isEmpty()) {
            return false;
        }
        pick(r, from).set(with);
        return true;
    }

    /** A placeholder node for a raw token that Jackson's tree cannot hold as written. */
    private static JsonNode raw(List<String> raws, String literal) {
        raws.add(literal);
        return NODES.textNode(RAW + (raws.size() - 1));
    }

    private static String write(JsonNode tree, List<String> raws) {
        String text;
        try {
            text = MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        for (int i = raws.size() - 1; i >= 0; i--) {
            text = text.replace("\"\\u0000raw\\u0000" + i + "\"", raws.get(i));
        }
        return text;
    }

    // ---- textual mutations

    private static String textual(String text, Random r, List<String> done) {
        int kind = r.nextInt(3);
        if (kind == 0 && !text.isEmpty()) {
            int at = r.nextInt(text.length());
            done.add("truncated at " + at + " of " + text.length());
            return text.substring(0, at);
        }
        if (kind == 1 && !text.isEmpty()) {
            byte[] b = text.getBytes(StandardCharsets.UTF_8);
            int flips = 1 + r.nextInt(3);
            StringBuilder where = new StringBuilder();
            for (int i = 0; i < flips; i++) {
                int at = r.nextInt(b.length);
                b[at] = r.nextBoolean() ? (byte) (b[at] ^ (1 << r.nextInt(8))) : (byte) r.nextInt(256);
                where.append(i == 0 ? "" : ",").append(at);
            }
            done.add("bytes flipped at " + where);
            return new String(b, StandardCharsets.UTF_8);
        }
        String page = pick(r, NOT_JSON);
        done.add("not JSON: " + abbreviate(page, 30));
        return page;
    }

    // ---- tree positions

    /** Where a value sits: in an object under {@code field}, or in an array at {@code index}. */
    private record Slot(ContainerNode<?> parent, String field, int index, String path) {
        JsonNode get() {
            return field != null ? parent.get(field) : parent.get(index);
        }

        void set(JsonNode v) {
            if (field != null) {
                ((ObjectNode) parent).set(field, v);
            } else {
                ((ArrayNode) parent).set(index, v);
            }
        }
    }

    private static List<Slot> slots(JsonNode root) {
        List<Slot> out = new ArrayList<>();
        collect(root, "", out);
        return out;
    }

    private static void collect(JsonNode n, String path, List<Slot> out) {
        if (n instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String f : names) {
                String p = path + "/" + f;
                out.add(new Slot(o, f, -1, p));
                collect(o.get(f), p, out);
            }
        } else if (n instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                String p = path + "/" + i;
                out.add(new Slot(a, null, i, p));
                collect(a.get(i), p, out);
            }
        }
    }

    private static <T> T pick(Random r, List<T> list) {
        return list.get(r.nextInt(list.size()));
    }

    static String abbreviate(String s, int max) {
        String one = s.replace("\u0000", "\\0");
        return one.length() <= max ? one : one.substring(0, max) + "…(" + s.length() + " chars)";
    }
}
