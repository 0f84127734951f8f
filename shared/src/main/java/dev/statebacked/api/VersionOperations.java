package dev.statebacked.api;

import dev.statebacked.auth.Caller;
import dev.statebacked.indexes.VersionSelectors;
import dev.statebacked.versions.CodeUploads;
import dev.statebacked.versions.MachineRepository;
import dev.statebacked.versions.MachineVersion;
import dev.statebacked.versions.MachineVersions;
import dev.statebacked.versions.VersionRepository;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code /machines/{m}/v}: reserve, upload, finalize and list machine versions. */
public final class VersionOperations {
    private static final int PAGE_SIZE = 50;
    private final MachineVersions machineVersions;
    private final MachineRepository machines;
    private final VersionRepository versions;
    private final CodeUploads uploads;
    private final PublicUrl publicUrl;

    public VersionOperations(
            MachineVersions machineVersions,
            MachineRepository machines,
            VersionRepository versions,
            CodeUploads uploads,
            PublicUrl publicUrl) {
        this.machineVersions = machineVersions;
        this.machines = machines;
        this.versions = versions;
        this.uploads = uploads;
        this.publicUrl = publicUrl;
    }

    public ApiResponse reserve(Caller caller, ApiRequest request, Map<String, String> path) {
        RequestBody.of(request);
        boolean gzip = request.query().containsKey("gzip");
        MachineVersions.Reservation reservation =
                machineVersions.reserve(caller.orgId(), path.get("machineName"), gzip, publicUrl.of(request));
        return ApiResponse.json(
                200,
                Map.of(
                        "machineVersionId", reservation.signedVersionId(),
                        "codeUploadUrl", reservation.form().url(),
                        "codeUploadFields", reservation.form().fields()));
    }

    public ApiResponse finalize(Caller caller, ApiRequest request, Map<String, String> path) {
        RequestBody body = RequestBody.of(request);
        // without indexSelectors the version keeps the current version's
        Optional<Map<String, String>> selectors = body.optionalObject("indexSelectors")
                .map(node -> {
                    Map<String, String> given = new LinkedHashMap<>();
                    node.fields().forEachRemaining(e -> {
                        if (!e.getValue().isTextual()
                                || !e.getValue().asText().startsWith("$")
                                || !VersionSelectors.isValid(e.getValue().asText())) {
                            throw ApiException.invalidParameter(
                                    "indexSelectors",
                                    "index selector for " + e.getKey() + " must be a JSONPath string starting with $");
                        }
                        given.put(e.getKey(), e.getValue().asText());
                    });
                    return given;
                });
        MachineVersion version = machineVersions.finalize(
                caller.orgId(),
                path.get("machineName"),
                path.get("signedVersionId"),
                new MachineVersions.Finalization(
                        body.optionalString("clientInfo"),
                        body.optionalBoolean("makeCurrent").orElse(false),
                        selectors));
        return ApiResponse.json(200, Map.of("machineVersionId", version.id()));
    }

    public ApiResponse list(Caller caller, ApiRequest request, Map<String, String> path) {
        String machineName = path.get("machineName");
        if (machines.find(caller.orgId(), machineName).isEmpty()) {
            throw ApiException.notFound("no machine " + machineName);
        }
        VersionRepository.VersionPage page =
                versions.list(caller.orgId(), machineName, PAGE_SIZE, Cursors.from(request));
        List<Map<String, Object>> items =
                page.versions().stream().map(MachineOperations::versionInfo).toList();
        return PageResponse.of("versions", items, page.cursor());
    }

    /** The multipart upload; the signed policy in the form is its authorization. */
    public ApiResponse upload(ApiRequest request, Map<String, String> path) {
        uploads.accept(request.header("content-type").orElse(""), request.bodyBytes());
        return ApiResponse.empty(204);
    }
}
