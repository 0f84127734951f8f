package dev.statebacked.versions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.auth.HmacSigner;
import dev.statebacked.failures.Conflict;
import dev.statebacked.failures.InvalidInput;
import dev.statebacked.failures.TooLarge;
import dev.statebacked.failures.UploadRefused;
import dev.statebacked.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.fileupload2.core.AbstractFileUpload;
import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.RequestContext;

/**
 * The code upload step, shaped like an S3 presigned POST: the reserve step hands out a form (URL + fields
 * with a signed policy naming the object key, whether it is gzipped, the size limit and an expiry), and the
 * upload endpoint accepts a multipart POST of those fields plus the {@code file} part only while the policy
 * holds.
 */
public final class CodeUploads {
    public static final String UPLOAD_PATH = "/code-uploads";
    static final Duration POLICY_LIFETIME = Duration.ofMinutes(15);

    private final HmacSigner policySigner;
    private final BlobStore blobs;
    private final Clock clock;

    public CodeUploads(HmacSigner policySigner, BlobStore blobs, Clock clock) {
        this.policySigner = policySigner;
        this.blobs = blobs;
        this.clock = clock;
    }

    public record UploadForm(String url, Map<String, String> fields) {}

    public UploadForm form(String apiUrl, String objectKey, boolean gzip) {
        int maxBytes = gzip ? CodeLimits.MAX_GZIPPED_BYTES : CodeLimits.MAX_CODE_BYTES;
        String policy = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(Json.write(Map.of(
                                "key",
                                objectKey,
                                "gzip",
                                gzip,
                                "maxBytes",
                                maxBytes,
                                "expiresAt",
                                clock.instant().plus(POLICY_LIFETIME).toEpochMilli()))
                        .getBytes(StandardCharsets.UTF_8));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", objectKey);
        fields.put("policy", policy);
        fields.put("x-amz-signature", policySigner.signature(policy));
        return new UploadForm(apiUrl.replaceAll("/+$", "") + UPLOAD_PATH, fields);
    }

    /**
     * Stores the uploaded file under the policy's key (gzipped code is kept gzipped): {@code body} is the multipart
     * form as posted, {@code contentType} its content type, with the boundary.
     */
    public void accept(String contentType, byte[] body) {
        Map<String, String> fields = new HashMap<>();
        byte[] file = null;
        try {
            FileItemInputIterator parts = new FormParser().getItemIterator(new BodyContext(contentType, body));
            while (parts.hasNext()) {
                FileItemInput part = parts.next();
                if (part.isFormField()) {
                    fields.put(
                            part.getFieldName(),
                            new String(read(part.getInputStream(), 64 * 1024), StandardCharsets.UTF_8));
                } else if (part.getFieldName().equals("file")) {
                    // the policy comes before the file in the form, as S3 requires, so its limit applies here
                    file = read(part.getInputStream(), maxBytes(fields) + 1);
                }
            }
        } catch (IOException e) {
            throw new InvalidInput("file", "not a multipart form upload: " + e.getMessage());
        }
        JsonNode policy = verifiedPolicy(fields);
        if (file == null) {
            throw new InvalidInput("file", "the form has no file part");
        }
        if (file.length > policy.path("maxBytes").asInt()) {
            throw new TooLarge("code exceeds " + policy.path("maxBytes").asInt() + " bytes");
        }
        if (!policy.path("key").asText().equals(fields.get("key"))) {
            throw new UploadRefused("key does not match the signed policy");
        }
        try {
            blobs.put(policy.path("key").asText(), file);
        } catch (SealedBlobException finalized) {
            throw new Conflict("the code of a finalized version cannot be replaced; reserve a new version");
        }
    }

    private int maxBytes(Map<String, String> fieldsSoFar) {
        return verifiedPolicy(fieldsSoFar).path("maxBytes").asInt();
    }

    private JsonNode verifiedPolicy(Map<String, String> fields) {
        String policy = fields.get("policy");
        String signature = fields.get("x-amz-signature");
        if (policy == null
                || signature == null
                || !policySigner.signature(policy).equals(signature)) {
            throw new UploadRefused("upload policy is missing or its signature is wrong");
        }
        JsonNode decoded = Json.readStored(new String(Base64.getUrlDecoder().decode(policy), StandardCharsets.UTF_8));
        if (Instant.ofEpochMilli(decoded.path("expiresAt").asLong()).isBefore(clock.instant())) {
            throw new UploadRefused("upload policy expired");
        }
        return decoded;
    }

    private static byte[] read(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) > 0) {
            out.write(buffer, 0, n);
            if (out.size() > limit) {
                break;
            }
        }
        return out.toByteArray();
    }

    /** Commons FileUpload over a request already in memory; streaming, nothing written to disk. */
    private static final class FormParser
            extends AbstractFileUpload<RequestContext, DiskFileItem, DiskFileItemFactory> {
        @Override
        public FileItemInputIterator getItemIterator(RequestContext request) throws IOException {
            return super.getItemIterator(request);
        }

        @Override
        public Map<String, java.util.List<DiskFileItem>> parseParameterMap(RequestContext request) {
            throw new UnsupportedOperationException("uploads are streamed");
        }

        @Override
        public java.util.List<DiskFileItem> parseRequest(RequestContext request) {
            throw new UnsupportedOperationException("uploads are streamed");
        }
    }

    private record BodyContext(String contentType, byte[] body) implements RequestContext {
        @Override
        public String getCharacterEncoding() {
            return StandardCharsets.UTF_8.name();
        }

        @Override
        public long getContentLength() {
            return body.length;
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        public InputStream getInputStream() {
            return new java.io.ByteArrayInputStream(body);
        }

        @Override
        public boolean isMultipartRelated() {
            return false;
        }
    }
}
