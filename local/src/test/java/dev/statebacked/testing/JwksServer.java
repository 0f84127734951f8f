package dev.statebacked.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An identity provider's JWKS endpoint on 127.0.0.1 (what Auth0, Cognito or Firebase publish at
 * {@code /.well-known/jwks.json}), built with Nimbus JOSE+JWT: it makes RSA and EC P-256 keys with kids,
 * publishes their public halves, rotates (publishes a new key, drops the old), signs tokens with any key it
 * made (a dropped one too), and can misbehave: {@link Mode#HANG} answers only after {@link #HANG_FOR} (or when
 * set back to {@link Mode#SERVE} or closed), {@link Mode#GARBAGE} answers 200 with a body that is not JSON.
 * It counts the requests it gets.
 */
public final class JwksServer implements AutoCloseable {
    /** How long a hanging answer takes: far past any reasonable fetch timeout of the server under test. */
    public static final Duration HANG_FOR = Duration.ofSeconds(60);

    public enum Mode {
        SERVE,
        HANG,
        GARBAGE
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "jwks-server");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, JWK> keys = new LinkedHashMap<>();
    private final Set<String> published = new LinkedHashSet<>();
    /** Per kid, a key of the same type but other material, never published: what an attacker signs with. */
    private final Map<String, JWK> impostors = new LinkedHashMap<>();

    private final AtomicInteger requests = new AtomicInteger();
    private final Object lock = new Object();
    private Mode mode = Mode.SERVE;
    private boolean closed;

    private JwksServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A running server publishing one RSA key ({@link #rsaKeyId()}) and one EC P-256 key ({@link #ecKeyId()}). */
    public static JwksServer start() {
        JwksServer jwks = new JwksServer();
        jwks.addRsaKey();
        jwks.addEcKey();
        return jwks;
    }

    /** The JWKS URL, as an identity provider configuration names it. */
    public URI jwksUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json");
    }

    /** Makes and publishes a new RSA (2048-bit) key; returns its kid. */
    public String addRsaKey() {
        try {
            return add(new RSAKeyGenerator(2048)
                    .keyUse(KeyUse.SIGNATURE)
                    .keyID(freshKid("rsa"))
                    .generate());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Makes and publishes a new EC P-256 key; returns its kid. */
    public String addEcKey() {
        try {
            return add(new ECKeyGenerator(Curve.P_256)
                    .keyUse(KeyUse.SIGNATURE)
                    .keyID(freshKid("ec"))
                    .generate());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rotation: publishes a new RSA key and drops every RSA key published before; returns the new kid. */
    public String rotateRsa() {
        synchronized (lock) {
            published.removeIf(kid -> keys.get(kid) instanceof RSAKey);
        }
        return addRsaKey();
    }

    /** Drops a key from the published set (it can still sign). */
    public void unpublish(String kid) {
        synchronized (lock) {
            published.remove(kid);
        }
    }

    /** The newest published RSA key's kid. */
    public String rsaKeyId() {
        return newestPublished(RSAKey.class);
    }

    /** The newest published EC key's kid. */
    public String ecKeyId() {
        return newestPublished(ECKey.class);
    }

    /** The public half of a key, as published. */
    public JWK publicKey(String kid) {
        synchronized (lock) {
            return keys.get(kid).toPublicJWK();
        }
    }

    public void mode(Mode newMode) {
        synchronized (lock) {
            mode = newMode;
            lock.notifyAll();
        }
    }

    /** How many requests (of any path) the server got. */
    public int requests() {
        return requests.get();
    }

    /** A token signed by key {@code kid} with {@code alg} (RS256/PS256 for RSA keys, ES256 for EC keys). */
    public String sign(String kid, JWSAlgorithm alg, JWTClaimsSet claims) {
        JWK key;
        synchronized (lock) {
            key = keys.get(kid);
        }
        if (key == null) {
            throw new IllegalArgumentException("no key " + kid);
        }
        return sign(signer(key), alg, kid, claims);
    }

    /** A token whose header names {@code kid} but which is signed with a fresh key of the same type, never published. */
    public String signWithImpostor(String kid, JWSAlgorithm alg, JWTClaimsSet claims) {
        JWK impostor;
        synchronized (lock) {
            JWK real = keys.get(kid);
            impostor = impostors.computeIfAbsent(kid, k -> generateLike(real, k));
        }
        return sign(signer(impostor), alg, kid, claims);
    }

    /**
     * An HMAC-signed token (HS256/384/512) with {@code secret} of any length (signed by hand: an attacker's
     * token need not respect a library's minimum key length), header kid {@code kid} when not null.
     */
    public static String signHmac(byte[] secret, JWSAlgorithm alg, String kid, JWTClaimsSet claims) {
        String javaName = "HmacSHA" + alg.getName().substring(2);
        String signingInput = encodedHeader(alg.getName(), kid) + "." + encoded(claims.toString());
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance(javaName);
            mac.init(new javax.crypto.spec.SecretKeySpec(secret, javaName));
            return signingInput + "."
                    + Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unsigned token ({@code alg: none}), header kid {@code kid} when not null. */
    public static String unsigned(String kid, JWTClaimsSet claims) {
        return encodedHeader("none", kid) + "." + encoded(claims.toString()) + ".";
    }

    private static String encodedHeader(String alg, String kid) {
        return encoded(
                "{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"" + (kid == null ? "" : ",\"kid\":\"" + kid + "\"") + "}");
    }

    private static String encoded(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        server.stop(0);
        executor.shutdownNow();
    }

    private static String sign(JWSSigner signer, JWSAlgorithm alg, String kid, JWTClaimsSet claims) {
        JWSHeader.Builder header = new JWSHeader.Builder(alg).type(JOSEObjectType.JWT);
        if (kid != null) {
            header.keyID(kid);
        }
        SignedJWT jwt = new SignedJWT(header.build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static JWSSigner signer(JWK key) {
        try {
            if (key instanceof RSAKey rsa) {
                return new RSASSASigner(rsa);
            }
            if (key instanceof ECKey ec) {
                return new ECDSASigner(ec);
            }
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalArgumentException("cannot sign with " + key.getKeyType());
    }

    private static JWK generateLike(JWK real, String kid) {
        try {
            if (real instanceof RSAKey) {
                return new RSAKeyGenerator(2048).keyID(kid).generate();
            }
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private String add(JWK key) {
        synchronized (lock) {
            keys.put(key.getKeyID(), key);
            published.add(key.getKeyID());
        }
        return key.getKeyID();
    }

    private String newestPublished(Class<? extends JWK> type) {
        synchronized (lock) {
            String newest = null;
            for (String kid : published) {
                if (type.isInstance(keys.get(kid))) {
                    newest = kid;
                }
            }
            if (newest == null) {
                throw new IllegalStateException("no published " + type.getSimpleName());
            }
            return newest;
        }
    }

    private static String freshKid(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            Mode current;
            String body;
            synchronized (lock) {
                long deadline = System.nanoTime() + HANG_FOR.toNanos();
                while (mode == Mode.HANG && !closed && System.nanoTime() < deadline) {
                    try {
                        lock.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                current = mode;
                List<JWK> publicKeys = new ArrayList<>();
                published.forEach(kid -> publicKeys.add(keys.get(kid).toPublicJWK()));
                body = new JWKSet(publicKeys).toString(true);
            }
            if (current == Mode.GARBAGE) {
                body = "<html><body>502 Bad Gateway: this is not a key set {\"keys\": [</body></html>";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders()
                    .add("content-type", current == Mode.GARBAGE ? "text/html" : "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }
}
