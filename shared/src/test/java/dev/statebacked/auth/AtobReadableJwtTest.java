package dev.statebacked.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AtobReadableJwtTest {
    private static final byte[] SECRET = "sbsec_0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    @Test
    void thePayloadHasNoBase64UrlOnlyCharactersWhateverTheClaimsHoldAndDecodesToTheSameClaims() {
        for (String name : new String[] {"Иван Попов", "o'brien?ref=1", "a>b~c\u007f", "ÿþ€😀"}) {
            for (String padding : new String[] {"", "x", "xy"}) {
                String value = padding + name;
                String token = AtobReadableJwt.signHs256("sbk_k", Map.of("act", Map.of("sub", value)), SECRET);

                String payload = token.split("\\.")[1];
                assertThat(payload).as(value).matches("[A-Za-z0-9]*");
                DecodedJWT verified =
                        JWT.require(Algorithm.HMAC256(SECRET)).build().verify(token);
                assertThat(verified.getKeyId()).isEqualTo("sbk_k");
                assertThat(verified.getClaim("act").asMap()).isEqualTo(Map.of("sub", value));
            }
        }
    }
}
