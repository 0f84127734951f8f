package dev.statebacked.api;

import dev.statebacked.auth.Caller;
import dev.statebacked.versions.Migration;
import dev.statebacked.versions.Migrations;
import java.util.Map;

/** {@code /machines/{m}/migrations}: reserve and finalize migrations; the upload is the versions' upload. */
public final class MigrationOperations {
    private final Migrations migrations;
    private final PublicUrl publicUrl;

    public MigrationOperations(Migrations migrations, PublicUrl publicUrl) {
        this.migrations = migrations;
        this.publicUrl = publicUrl;
    }

    public ApiResponse reserve(Caller caller, ApiRequest request, Map<String, String> path) {
        // the official client sends the code along in the body too: it is read from the upload, not from here
        RequestBody body = RequestBody.of(request);
        Migrations.Reservation reservation = migrations.reserve(
                caller.orgId(),
                path.get("machineName"),
                body.requiredString("fromMachineVersionId"),
                body.requiredString("toMachineVersionId"),
                request.query().containsKey("gzip"),
                publicUrl.of(request));
        return ApiResponse.json(
                200,
                Map.of(
                        "machineVersionMigrationId", reservation.signedMigrationId(),
                        "codeUploadUrl", reservation.form().url(),
                        "codeUploadFields", reservation.form().fields()));
    }

    public ApiResponse finalize(Caller caller, ApiRequest request, Map<String, String> path) {
        Migration migration =
                migrations.finalize(caller.orgId(), path.get("machineName"), path.get("signedMigrationId"));
        // the client's types name the finalized migration's id machineVersionId
        return ApiResponse.json(200, Map.of("machineVersionId", migration.id()));
    }
}
