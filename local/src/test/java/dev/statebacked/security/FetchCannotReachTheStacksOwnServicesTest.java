package dev.statebacked.security;

import static dev.statebacked.testing.Deployments.freshName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.statebacked.engine.EgressPolicy;
import dev.statebacked.testing.MachineInstances;
import dev.statebacked.testing.StackOfItsOwn;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Machine code's {@code fetch} reaches the public internet only: the stack's emulators, its gateway and anything
 * else on loopback (on Lambda: the Runtime API on 127.0.0.1), private networks and cloud metadata are refused by
 * every spelling of their address and through redirects, and the stack's services listen on loopback only. The
 * stack's only exception here is 127.0.0.2, listed in the allow-list, which proves the probe reaches what it may.
 */
class FetchCannotReachTheStacksOwnServicesTest {
    private static final String ALLOWED_HOST = "127.0.0.2";

    @RegisterExtension
    static final StackOfItsOwn stack =
            new StackOfItsOwn(Map.of(EgressPolicy.ENVIRONMENT_VARIABLE, ALLOWED_HOST + "/32"));

    private static final AtomicInteger runtimeApiHits = new AtomicInteger();
    private static HttpServer runtimeApi;
    private static HttpServer allowedService;
    private static MachineInstances probes;

    @BeforeAll
    static void start() throws IOException {
        probes = stack.instancesOf("prober.js");
        runtimeApi = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        runtimeApi.createContext("/", exchange -> {
            runtimeApiHits.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        runtimeApi.start();
        allowedService = HttpServer.create(new InetSocketAddress(ALLOWED_HOST, 0), 0);
        allowedService.createContext("/hello", exchange -> {
            byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        allowedService.createContext("/redirect", exchange -> {
            exchange.getResponseHeaders()
                    .add("Location", exchange.getRequestURI().getQuery());
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        allowedService.start();
    }

    @AfterAll
    static void stop() {
        runtimeApi.stop(0);
        allowedService.stop(0);
    }

    @Test
    void everyEmulatorTheGatewayAndARuntimeApiOnLoopbackAreRefusedByEverySpellingOfTheirAddress() {
        List<String> refusedWithoutReason = new ArrayList<>();
        for (int port : loopbackPorts()) {
            for (String host : List.of(
                    "127.0.0.1",
                    "localhost",
                    "2130706433",
                    "0x7f000001",
                    "0177.0.0.1",
                    "127.1",
                    "[::1]",
                    "[::ffff:127.0.0.1]",
                    "[::ffff:7f00:1]",
                    "[::127.0.0.1]",
                    "0.0.0.0",
                    "[::]",
                    "LOCALHOST")) {
                String url = "http://" + host + ":" + port + "/";
                JsonNode outcome = probe(url);
                if (outcome.path("reached").asBoolean(true)
                        || !outcome.path("error").asText().contains("egress policy")) {
                    refusedWithoutReason.add(url + " -> " + outcome);
                }
            }
        }
        assertThat(refusedWithoutReason)
                .as("probes not refused by the egress policy")
                .isEmpty();
        assertThat(runtimeApiHits)
                .as("requests that reached the Runtime-API-like listener")
                .hasValue(0);
    }

    @Test
    void aRedirectFromAnAllowedServiceToLoopbackIsRefused() {
        String target = stack.stack().apiEnvironment().get("AWS_ENDPOINT_URL_DYNAMODB");
        JsonNode outcome = probe(
                "http://" + ALLOWED_HOST + ":" + allowedService.getAddress().getPort() + "/redirect?" + target);

        assertThat(outcome.path("reached").asBoolean()).as(outcome.toString()).isFalse();
        assertThat(outcome.path("error").asText()).contains("egress policy");
    }

    @Test
    void anAllowListedServiceIsReached() {
        JsonNode outcome = probe(
                "http://" + ALLOWED_HOST + ":" + allowedService.getAddress().getPort() + "/hello");

        assertThat(outcome.path("reached").asBoolean()).as(outcome.toString()).isTrue();
        assertThat(outcome.path("status").asInt()).isEqualTo(200);
        assertThat(outcome.path("body").asText()).isEqualTo("hello");
    }

    @Test
    void cloudMetadataAndPrivateNetworksAreRefusedWithoutConnecting() {
        for (String host : List.of(
                "169.254.169.254",
                "169.254.170.2",
                "[fd00:ec2::254]",
                "10.0.0.1",
                "172.16.0.1",
                "192.168.1.1",
                "100.64.0.1",
                "[fe80::1]",
                "[fc00::1]",
                "224.0.0.1",
                "[::ffff:10.0.0.1]",
                "[2002:a00:1::]",
                "[64:ff9b::a9fe:a9fe]")) {
            JsonNode outcome = probe("http://" + host + "/latest/meta-data/");
            assertThat(outcome.path("reached").asBoolean())
                    .as(host + ": " + outcome)
                    .isFalse();
            assertThat(outcome.path("error").asText()).as(host).contains("egress policy");
        }
    }

    @Test
    void onlyHttpAndHttpsMayBeFetched() {
        for (String url : List.of("file:///etc/passwd", "ftp://example.com/", "jar:file:///x!/y")) {
            JsonNode outcome = probe(url);
            assertThat(outcome.path("reached").asBoolean())
                    .as(url + ": " + outcome)
                    .isFalse();
            assertThat(outcome.path("error").asText()).as(url).contains("http");
        }
    }

    @Test
    void theEmulatorsAndTheGatewayListenOnLoopbackOnly() throws IOException {
        List<InetAddress> ownAddresses = NetworkInterface.networkInterfaces()
                .filter(FetchCannotReachTheStacksOwnServicesTest::isUp)
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> !a.isLoopbackAddress())
                .toList();
        assumeThat(ownAddresses)
                .as("this machine has an address besides loopback")
                .isNotEmpty();
        List<String> reachable = new ArrayList<>();
        for (int port : loopbackPorts()) {
            for (InetAddress address : ownAddresses) {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(address, port), 1000);
                    reachable.add(address.getHostAddress() + ":" + port);
                } catch (IOException refused) {
                    // what a service bound to loopback answers on any other address
                }
            }
        }
        assertThat(reachable)
                .as("the stack's ports reachable from outside loopback")
                .isEmpty();
    }

    private static boolean isUp(NetworkInterface nic) {
        try {
            return nic.isUp();
        } catch (SocketException e) {
            return false;
        }
    }

    private static List<Integer> loopbackPorts() {
        List<Integer> ports = new ArrayList<>();
        stack.stack().apiEnvironment().forEach((name, value) -> {
            if (name.startsWith("AWS_ENDPOINT_URL_")) {
                ports.add(URI.create(value).getPort());
            }
        });
        assertThat(ports).as("the emulators' endpoints").hasSizeGreaterThanOrEqualTo(5);
        ports.add(stack.stack().apiUrl().getPort());
        ports.add(runtimeApi.getAddress().getPort());
        return ports;
    }

    private static JsonNode probe(String url) {
        String name = freshName("probe");
        probes.created(name, null);
        return probes.sent(name, Map.of("type", "probe", "url", url)).path("publicContext");
    }
}
