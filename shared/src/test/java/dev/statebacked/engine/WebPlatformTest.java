package dev.statebacked.engine;

import static dev.statebacked.engine.Engines.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.statebacked.engine.internal.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.Test;

/**
 * The web platform machine code is promised (Blob, File, FormData, streams, CompressionStream and
 * DecompressionStream, and the Body of Request and Response), checked against the web standards' behaviour.
 */
class WebPlatformTest {

    /** Runs {@code body} (an async function body that may read {@code input}) in an invoked service and returns what it returned. */
    private static JsonNode probe(String body, String input) {
        var v = Engines.rawModule("""
                import { createMachine, assign } from 'xstate';
                export default createMachine({ initial: 'probing', context: { input: null, result: null, error: null }, states: {
                  probing: { invoke: { src: async ({ input }) => { BODY },
                    onDone: { target: 'done', actions: assign({ result: (c, e) => e.data }) },
                    onError: { target: 'failed', actions: assign({ error: (c, e) => String(e.data && e.data.stack || e.data) }) } } },
                  done: {}, failed: {} } });
                """.replace("BODY", body) + Engines.ALLOW_ALL);
        try (var s = v.openSession()) {
            var context = Json.MAPPER
                    .createObjectNode()
                    .put("input", input)
                    .putNull("result")
                    .putNull("error");
            var settled = Engines.settle(s, s.initialState(context), Duration.ofSeconds(10));
            JsonNode c = settled.state().context();
            assertThat(c.get("error").isNull()).as(c.get("error").asText()).isTrue();
            return c.get("result");
        }
    }

    private static JsonNode probe(String body) {
        return probe(body, null);
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** JS helpers for the tests that move bytes through the context. */
    private static final String BYTES = """
            const toB64 = (buf) => btoa(Array.from(new Uint8Array(buf), (b) => String.fromCharCode(b)).join(''));
            const fromB64 = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
            const through = (bytes, transform) => new Response(new Blob([bytes]).stream().pipeThrough(transform)).arrayBuffer();
            """;

    @Test
    void blobConcatenatesItsPartsAndSlicesLikeTheWeb() {
        var r = probe("""
                const b = new Blob(['héllo', new Uint8Array([33]), new Blob([' world'])], { type: 'Text/Plain' });
                return { size: b.size, type: b.type, text: await b.text(), bytes: (await b.arrayBuffer()).byteLength,
                  slice: await b.slice(1, -3).text(), tail: await b.slice(-5).text(), empty: b.slice(8, 2).size,
                  sliceType: b.slice(0, 1, 'a/b').type, badType: new Blob([], { type: 'é' }).type,
                  streamed: await new Response(b.stream()).text(), tag: Object.prototype.toString.call(b) };""");
        assertThat(r)
                .isEqualTo(
                        json(
                                "{'size':13,'type':'text/plain','text':'héllo! world','bytes':13,'slice':'éllo! wo','tail':'world',"
                                        + "'empty':0,'sliceType':'a/b','badType':'','streamed':'héllo! world','tag':'[object Blob]'}"));
    }

    @Test
    void fileIsABlobWithANameAndLastModified() {
        var r = probe("""
                const f = new File(['abc'], 'a.txt', { type: 'text/plain', lastModified: 5 });
                return { name: f.name, lastModified: f.lastModified, size: f.size, isBlob: f instanceof Blob, text: await f.text() };""");
        assertThat(r).isEqualTo(json("{'name':'a.txt','lastModified':5,'size':3,'isBlob':true,'text':'abc'}"));
    }

    @Test
    void formDataKeepsEntriesInOrderAndTurnsBlobsIntoFiles() {
        var r = probe("""
                const fd = new FormData();
                fd.append('a', '1'); fd.append('a', 2); fd.append('f', new Blob(['x']), 'x.txt'); fd.append('g', new Blob(['y']));
                const before = { a: fd.get('a'), all: fd.getAll('a'), hasF: fd.has('f'), f: fd.get('f').name, fIsFile: fd.get('f') instanceof File,
                  g: fd.get('g').name, missing: fd.get('missing') };
                fd.set('a', '3'); fd.delete('g');
                let threw = false;
                try { fd.append('s', 'text', 'name.txt'); } catch (e) { threw = e instanceof TypeError; }
                return { ...before, after: [...fd.entries()].map(([k, v]) => k + '=' + (typeof v === 'string' ? v : v.name)), filenameNeedsABlob: threw };""");
        assertThat(r)
                .isEqualTo(json(
                        "{'a':'1','all':['1','2'],'hasF':true,'f':'x.txt','fIsFile':true,'g':'blob','missing':null,"
                                + "'after':['a=3','f=x.txt'],'filenameNeedsABlob':true}"));
    }

    @Test
    void formDataBodyIsMultipartWithTheBoundaryOfItsContentType() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        var received = new String[2];
        server.createContext("/form", ex -> {
            received[0] = ex.getRequestHeaders().getFirst("content-type");
            received[1] = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        server.start();
        try {
            var r = probe("""
                    const fd = new FormData();
                    fd.append('note', 'line1\\nline2');
                    fd.append('up"load', new File(['{"k":1}'], 'data.json', { type: 'application/json' }));
                    const res = await fetch(input + '/form', { method: 'POST', body: fd });
                    const parsed = await new Request('http://x/', { method: 'POST', body: fd }).formData();
                    const file = parsed.get('up"load');
                    return { status: res.status, note: parsed.get('note'), file: [file.name, file.type, await file.text()] };""", "http://127.0.0.1:" + server.getAddress().getPort());
            assertThat(r)
                    .isEqualTo(
                            json(
                                    "{'status':204,'note':'line1\\r\\nline2','file':['data.json','application/json','{\\\"k\\\":1}']}"));
            assertThat(received[0]).startsWith("multipart/form-data; boundary=");
            String boundary = received[0].substring("multipart/form-data; boundary=".length());
            assertThat(received[1])
                    .isEqualTo("--" + boundary
                            + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nline1\r\nline2\r\n"
                            + "--" + boundary
                            + "\r\nContent-Disposition: form-data; name=\"up%22load\"; filename=\"data.json\"\r\n"
                            + "Content-Type: application/json\r\n\r\n{\"k\":1}\r\n--" + boundary + "--\r\n");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void responseAndRequestBodiesReadAsBlobFormDataAndOnlyOnce() {
        var r = probe("""
                const res = new Response(new Blob(['{"a":1}'], { type: 'application/json' }));
                const clone = res.clone();
                const json = await res.json();
                let reread = null;
                try { await res.text(); } catch (e) { reread = e.constructor.name; }
                const blob = await clone.blob();
                const form = await new Response(new URLSearchParams({ q: 'a b' })).formData();
                const req = new Request('http://x/', { method: 'PUT', body: new Blob(['raw'], { type: 'text/x' }) });
                let getWithBody = null;
                try { new Request('http://x/', { body: 'no' }); } catch (e) { getWithBody = e.constructor.name; }
                return { type: res.headers.get('content-type'), json, used: res.bodyUsed, reread, blob: [blob.type, await blob.text()],
                  q: form.get('q'), reqType: req.headers.get('content-type'), reqText: await req.text(), getWithBody,
                  fromStream: await new Response(new Blob(['s']).stream()).text(), nullBody: new Response(null).body };""");
        assertThat(r)
                .isEqualTo(
                        json(
                                "{'type':'application/json','json':{'a':1},'used':true,'reread':'TypeError','blob':['application/json','{\\\"a\\\":1}'],"
                                        + "'q':'a b','reqType':'text/x','reqText':'raw','getWithBody':'TypeError','fromStream':'s','nullBody':null}"));
    }

    @Test
    void transformStreamTransformsWhatIsWrittenOntoItsReadableSide() {
        var r = probe("""
                const upper = new TransformStream({ transform(chunk, c) { c.enqueue(chunk.toUpperCase()); }, flush(c) { c.enqueue('!'); } });
                const writer = upper.writable.getWriter();
                writer.write('a'); writer.write('b'); writer.close();
                const out = [];
                for await (const chunk of upper.readable) out.push(chunk);
                const [left, right] = ReadableStream.from(['x', 'y']).tee();
                const failing = new TransformStream({ transform() { throw new TypeError('bad chunk'); } });
                const w = failing.writable.getWriter();
                w.write('z').catch(() => {});
                let readError = null;
                try { await failing.readable.getReader().read(); } catch (e) { readError = e.message; }
                const collect = async (stream) => { let all = ''; for await (const chunk of stream) all += chunk; return all; };
                return { out, tee: [await collect(left), await collect(right)], readError };""");
        assertThat(r).isEqualTo(json("{'out':['A','B','!'],'tee':['xy','xy'],'readError':'bad chunk'}"));
    }

    @Test
    void gzipOfCompressionStreamIsWhatJavaGunzipReadsAndJavaGzipDecompresses() throws IOException {
        byte[] text = "State Backed ✓ ".repeat(200).getBytes(StandardCharsets.UTF_8);
        var bout = new ByteArrayOutputStream();
        try (var gz = new GZIPOutputStream(bout)) {
            gz.write(text);
        }
        var r = probe(BYTES + """
                const [plain, javaGzip] = JSON.parse(input).map(fromB64);
                const gz = await through(plain, new CompressionStream('gzip'));
                const back = new Uint8Array(await through(gz, new DecompressionStream('gzip')));
                const fromJava = new Uint8Array(await through(javaGzip, new DecompressionStream('gzip')));
                return { gzip: toB64(gz), roundTrip: toB64(back), fromJava: toB64(fromJava) };""", Json.write(new String[] {b64(text), b64(bout.toByteArray())}));
        byte[] gzip = Base64.getDecoder().decode(r.get("gzip").asText());
        assertThat(gzip.length).isLessThan(text.length / 10);
        try (var in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            assertThat(in.readAllBytes()).isEqualTo(text);
        }
        assertThat(Base64.getDecoder().decode(r.get("roundTrip").asText())).isEqualTo(text);
        assertThat(Base64.getDecoder().decode(r.get("fromJava").asText())).isEqualTo(text);
    }

    @Test
    void deflateIsZlibAndDeflateRawIsBareDeflate() throws IOException {
        byte[] text = "deflate me ".repeat(100).getBytes(StandardCharsets.UTF_8);
        var zlib = new ByteArrayOutputStream();
        try (var out = new DeflaterOutputStream(zlib)) {
            out.write(text);
        }
        var r = probe(BYTES + """
                const [plain, javaZlib] = JSON.parse(input).map(fromB64);
                const deflate = await through(plain, new CompressionStream('deflate'));
                const raw = await through(plain, new CompressionStream('deflate-raw'));
                const dec = new TextDecoder();
                return { deflate: toB64(deflate), raw: toB64(raw),
                  roundTrips: [dec.decode(await through(deflate, new DecompressionStream('deflate'))) === dec.decode(plain),
                    dec.decode(await through(raw, new DecompressionStream('deflate-raw'))) === dec.decode(plain),
                    dec.decode(await through(javaZlib, new DecompressionStream('deflate'))) === dec.decode(plain)] };""", Json.write(new String[] {b64(text), b64(zlib.toByteArray())}));
        assertThat(r.get("roundTrips")).isEqualTo(json("[true,true,true]"));
        try (var in = new InflaterInputStream(new ByteArrayInputStream(
                Base64.getDecoder().decode(r.get("deflate").asText())))) {
            assertThat(in.readAllBytes()).isEqualTo(text);
        }
        try (var in = new InflaterInputStream(
                new ByteArrayInputStream(Base64.getDecoder().decode(r.get("raw").asText())), new Inflater(true))) {
            assertThat(in.readAllBytes()).isEqualTo(text);
        }
    }

    @Test
    void badCompressedDataAndUnknownFormatsAreTypeErrors() {
        var r = probe(BYTES + """
                const outcome = async (bytes, format) => {
                  try { await through(bytes, new DecompressionStream(format)); return 'ok'; } catch (e) { return e.constructor.name; }
                };
                const gz = new Uint8Array(await through(new TextEncoder().encode('hello'), new CompressionStream('gzip')));
                const trailing = new Uint8Array([...gz, 1, 2, 3]);
                const corrupt = gz.slice(); corrupt[gz.length - 6] ^= 0xff;
                let unknown = null;
                try { new CompressionStream('br'); } catch (e) { unknown = e.constructor.name; }
                let notBytes = null;
                try { await new Response(ReadableStream.from(['text']).pipeThrough(new CompressionStream('gzip'))).text(); } catch (e) { notBytes = e.constructor.name; }
                return { garbage: await outcome(new TextEncoder().encode('garbage'), 'gzip'), truncated: await outcome(gz.slice(0, 12), 'gzip'),
                  trailing: await outcome(trailing, 'gzip'), checksum: await outcome(corrupt, 'gzip'), valid: await outcome(gz, 'gzip'), unknown, notBytes };""");
        assertThat(r)
                .isEqualTo(json(
                        "{'garbage':'TypeError','truncated':'TypeError','trailing':'TypeError','checksum':'TypeError','valid':'ok',"
                                + "'unknown':'TypeError','notBytes':'TypeError'}"));
    }

    @Test
    void decompressionIsCappedSoASmallBombCannotFillTheHeap() throws IOException {
        var bout = new ByteArrayOutputStream();
        try (var gz = new GZIPOutputStream(bout)) {
            gz.write(new byte[11 * 1024 * 1024]);
        }
        var r = probe(BYTES + """
                try { await through(fromB64(input), new DecompressionStream('gzip')); return 'inflated'; } catch (e) { return e.constructor.name + ': ' + e.message; }""", b64(bout.toByteArray()));
        assertThat(r.asText()).startsWith("TypeError: ").contains("larger than");
    }
}
