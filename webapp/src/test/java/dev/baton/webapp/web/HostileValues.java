package dev.baton.webapp.web;

import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * The generators of hostile values: wrong types, empty and huge strings, invalid UTF-8, NUL and other control
 * characters, numbers at and past the limits of every number type, malformed dates and ids, markup and quoting.
 * None of them is a small positive number, so no generated id can name a row that exists.
 */
final class HostileValues {

    /** Strings that trip parsers, converters and SQL: kept short enough for a request line. */
    private static final String[] CLASSICS = {
        "", " ", "\u0000", "a\u0000b", "\r\n", "\t", "%", "_", "\\", "'", "\"", "' OR '1'='1", "1; --", "$1",
        "<script>alert(1)</script>", "../../etc/passwd", "..%2f..%2f", "\uFEFF", "\u202Eevil", "\uD83D\uDE00",
        "e\u0301", "\u0130", "null", "true", "[]", "{}", "{\"a\":", "NaN", "Infinity", "-Infinity", "-0", "0",
        "-1", "1e309", "-1e309", "4.9e-325", "0x1F", "1_000", "+1", "\u0661\u0662\u0663", "1.0", "1,5",
        "2147483647", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
        "-9223372036854775809", "99999999999999999999999999999999", "2026-13-45", "0000-00-00", "+999999999-12-31",
        "-999999999-01-01T00:00:00Z", "2026-02-30", "00000000-0000-0000-0000-00000000000", "zzzzzzzz-zzzz-zzzz-zzzz",
        "00000000-0000-0000-0000-0000000000000", "*", "?", "#", "&", "=", ";", "..", ".", "/", "//", "~", "%00",
    };

    /** Percent-encoded bytes that are not UTF-8: a lone continuation byte, an overlong slash, a lone surrogate. */
    private static final String[] INVALID_UTF8 = {
        "%FF", "%C3%28", "%C0%AF", "%ED%A0%80", "%F8%88%80%80%80", "a%80b", "%E2%82", "%F4%90%80%80", "%00",
    };

    private HostileValues() {}

    /** Hostile text for a parameter, percent-encoded for a URL (invalid UTF-8 included as raw encoded bytes). */
    static Arbitrary<String> urlValues() {
        return Arbitraries.oneOf(
                Arbitraries.of(CLASSICS).map(HostileValues::encode),
                Arbitraries.of(INVALID_UTF8),
                limitNumbers().map(HostileValues::encode),
                Arbitraries.strings().all().ofMaxLength(40).map(HostileValues::encode),
                Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMinLength(1).ofMaxLength(8)
                        .map(HostileValues::encode),
                Arbitraries.integers().between(500, 1200).map(n -> "x".repeat(n)))
                .filter(HostileValues::namesNoRow);
    }

    /** Hostile text for a JSON string or a form field: everything {@link #urlValues()} has, and huge strings. */
    static Arbitrary<String> texts() {
        return Arbitraries.oneOf(
                Arbitraries.of(CLASSICS),
                limitNumbers(),
                Arbitraries.strings().all().ofMaxLength(64),
                Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMinLength(1).ofMaxLength(8),
                Arbitraries.of(1_000, 70_000, 300_000).map(n -> "y".repeat(n)))
                .filter(HostileValues::namesNoRow);
    }

    /** Hostile form values, percent-encoded: {@link #texts()} and bytes that are not UTF-8. */
    static Arbitrary<String> formValues() {
        return Arbitraries.oneOf(texts().map(HostileValues::encode), Arbitraries.of(INVALID_UTF8));
    }

    /** Numbers at and past the limits of int, long, double and decimal, as text: never a small positive id. */
    static Arbitrary<String> limitNumbers() {
        return Arbitraries.oneOf(
                Arbitraries.of("0", "-1", "-0", "2147483647", "2147483648", "-2147483648", "-2147483649",
                        "9223372036854775807", "9223372036854775808", "-9223372036854775808",
                        "-9223372036854775809", "1e309", "-1e309", "4.9e-325", "1.7976931348623157E308",
                        "123456789012345678901234567890", "0.00000000000000000000000000001"),
                Arbitraries.longs().between(Long.MIN_VALUE, -2).map(String::valueOf),
                Arbitraries.bigIntegers().between(BigInteger.TWO.pow(63), BigInteger.TWO.pow(200))
                        .map(String::valueOf));
    }

    /** Whether the value is safe as an id: a small positive number could name a row another test made. */
    static boolean namesNoRow(String value) {
        String text;
        try {
            text = java.net.URLDecoder.decode(value, StandardCharsets.UTF_8).strip();
        } catch (IllegalArgumentException e) {
            text = value.strip();
        }
        if (text.startsWith("+")) {
            text = text.substring(1);
        }
        // Long.parseLong takes digits of any script ("\u0661\u0662\u0663" is 123): those name rows as well
        if (text.isEmpty() || text.length() > 16 || !text.chars().allMatch(Character::isDigit)) {
            return true;
        }
        return Long.parseLong(text) <= 0;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
