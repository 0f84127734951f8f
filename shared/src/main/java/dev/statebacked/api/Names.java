package dev.statebacked.api;

import java.util.regex.Pattern;

/** Machine and instance names: 1 to 128 characters of {@code A-Za-z0-9_-}. */
public final class Names {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private Names() {}

    public static String require(String parameter, String value) {
        if (value == null || !VALID.matcher(value).matches()) {
            throw ApiException.invalidParameter(
                    parameter, parameter + " must be 1 to 128 characters of A-Z, a-z, 0-9, _ and -");
        }
        return value;
    }
}
