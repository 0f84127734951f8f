package dev.statebacked.auth;

import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Signs a JWT whose base64url payload holds neither {@code -} nor {@code _}. The official client reads a token's
 * {@code exp} with {@code atob}, which refuses those two characters; when it fails, the client never learns that
 * its token expires and stops working when it does. Those characters come only from bytes over 0x7F and from
 * {@code >}, {@code ?}, {@code ~} and DEL at some positions, so the payload's JSON escapes all of them
 * ({@code \u00e9}, {@code \u003f}), which every JSON reader decodes to the same claims.
 */
final class AtobReadableJwt {
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final ObjectMapper ASCII_JSON =
            JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    static {
        ASCII_JSON.getFactory().setCharacterEscapes(new Escapes());
    }

    private AtobReadableJwt() {}

    static String signHs256(String keyId, Map<String, Object> payload, byte[] secret) {
        String header = encode(Map.of("alg", "HS256", "typ", "JWT", "kid", keyId));
        String body = encode(payload);
        byte[] signature = Algorithm.HMAC256(secret)
                .sign(header.getBytes(StandardCharsets.US_ASCII), body.getBytes(StandardCharsets.US_ASCII));
        return header + "." + body + "." + BASE64URL.encodeToString(signature);
    }

    private static String encode(Map<String, Object> json) {
        try {
            return BASE64URL.encodeToString(ASCII_JSON.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("claims cannot be written as JSON", e);
        }
    }

    private static final class Escapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] ascii = standardAsciiEscapesForJSON();

        Escapes() {
            for (char c : new char[] {'>', '?', '~', 0x7f}) {
                ascii[c] = ESCAPE_STANDARD;
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null;
        }
    }
}
