package dev.statebacked.security;

import static dev.statebacked.testing.Deployments.freshName;
import static org.assertj.core.api.Assertions.assertThat;

import dev.statebacked.testing.ApiClient;
import dev.statebacked.testing.Deployments;
import dev.statebacked.testing.MachineInstances;
import dev.statebacked.testing.RunningStack;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad requests get a JSON 4xx in the contract's (or API Gateway's) shape, never a 500 or an HTML page. */
class BadInputAtTheEdgeTest {
    private static final ApiClient admin = RunningStack.adminClient();
    private static final URI api = RunningStack.get().apiUrl();

    @Test
    void anEventTooLargeToStoreIsA400NamingTheLimit() {
        MachineInstances toggles =
                new MachineInstances(admin, Deployments.machineWithCurrentVersion(admin, "toggler.js"));
        String name = freshName("big");
        toggles.created(name, null);

        ApiClient.Response answer = toggles.send(name, Map.of("type", "toggle", "padding", "x".repeat(500 * 1024)));

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("invalid-parameter");
        assertThat(answer.json().path("error").asText()).contains("262144 bytes");
        assertThat(toggles.get(name).json().path("state").asText())
                .as("nothing changed")
                .isEqualTo("off");
    }

    @Test
    void anEventOfTwoHundredThousandKeysIsRefusedBySizeAndAsManyKeysAsFitAreProcessed() {
        MachineInstances toggles =
                new MachineInstances(admin, Deployments.machineWithCurrentVersion(admin, "toggler.js"));
        String name = freshName("wide");
        toggles.created(name, null);

        ApiClient.Response tooWide = toggles.send(name, eventWithKeys(200_000));
        ApiClient.Response wide = toggles.send(name, eventWithKeys(15_000));

        assertThat(tooWide.status()).as(tooWide.body()).isEqualTo(400);
        assertThat(tooWide.json().path("error").asText()).contains("262144 bytes");
        assertThat(wide.status())
                .as("15 000 keys fit the limit and are processed: " + wide.body())
                .isEqualTo(200);
        assertThat(wide.json().path("state").asText()).isEqualTo("on");
    }

    private static Map<String, Object> eventWithKeys(int keys) {
        Map<String, Object> event = new java.util.HashMap<>();
        event.put("type", "toggle");
        for (int i = 0; i < keys; i++) {
            event.put("k" + i, i);
        }
        return event;
    }

    @Test
    void aMalformedEscapeInTheQueryIsNotAServerError() throws IOException {
        String answer = raw("GET /machines?x=% HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", "");

        assertThat(answer).as("the gateway and the API parse the query: no 500").startsWith("HTTP/1.1 4");
        assertThat(answer).containsIgnoringCase("content-type: application/json");
    }

    @Test
    void aCursorThatNoListingOfThisKindIssuedIsA400() {
        MachineInstances toggles =
                new MachineInstances(admin, Deployments.machineWithCurrentVersion(admin, "toggler.js"));
        String name = freshName("cursor");
        toggles.created(name, null);
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString("zzz".getBytes(StandardCharsets.UTF_8));

        ApiClient.Response answer = admin.get(toggles.path(name) + "/events?cursor=" + forged);

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("invalid-parameter");
    }

    @Test
    void aPathWithAMalformedEscapeIsAJson400() throws IOException {
        String answer = raw("GET /machines/%ZZ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", "");

        assertThat(answer).startsWith("HTTP/1.1 400");
        assertThat(answer)
                .containsIgnoringCase("content-type: application/json")
                .contains("{\"message\":");
    }

    @Test
    void aBodyOverTheLimitIsRefusedByItsContentLengthBeforeItIsSent() throws IOException {
        long started = System.nanoTime();
        // announces 200 MB but sends none of it: the answer must not wait for the body
        String answer = raw(
                "POST /machines HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 209715200\r\n\r\n",
                "{");

        assertThat(answer).startsWith("HTTP/1.1 413");
        assertThat(answer).contains("{\"message\":\"Request Entity Too Large\"}");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    /** One request over a plain socket, for what an HTTP client library would not send; the whole answer. */
    private static String raw(String head, String body) throws IOException {
        try (Socket socket = new Socket(api.getHost(), api.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((head + body).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            StringBuilder answer = new StringBuilder();
            int n;
            try {
                while ((n = in.read(buffer)) > 0) {
                    answer.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                    if (answer.indexOf("}") > 0) {
                        break;
                    }
                }
            } catch (java.net.SocketTimeoutException e) {
                // the answer so far is what the assertions look at
            }
            return answer.toString();
        }
    }
}
