package dev.statebacked.local;

import dev.statebacked.auth.AesGcmSecretSealer;
import dev.statebacked.auth.IssuedKey;
import dev.statebacked.auth.KeyRepository;
import dev.statebacked.auth.MasterKey;
import dev.statebacked.auth.Org;
import dev.statebacked.auth.OrgRepository;
import dev.statebacked.auth.Scope;
import dev.statebacked.config.AwsClients;
import dev.statebacked.store.DynamoItemStore;
import java.time.Clock;

/**
 * An org of its own with a first key holding every scope, written straight to an install's table: the root of
 * trust of a self-hosted install is whoever may write its table and read its master key secret (the local stack's
 * first start, an operator's AWS credentials). Orgs made later through {@code POST /orgs} are administered by the
 * org whose key made them.
 */
public final class OrgAdmins {
    private OrgAdmins() {}

    public record Admin(Org org, IssuedKey key) {}

    public static Admin create(
            AwsClients aws, String tableName, String masterKeySecretArn, String name, boolean allowAnonymousAccess) {
        var store = new DynamoItemStore(aws.dynamoDb(), tableName);
        Org org = new OrgRepository(store, Clock.systemUTC()).create(name, allowAnonymousAccess);
        IssuedKey key = new KeyRepository(
                        store,
                        new AesGcmSecretSealer(MasterKey.read(aws.secretsManager(), masterKeySecretArn)
                                .bytes()),
                        Clock.systemUTC())
                .create(org.id(), name + " admin", Scope.all());
        return new Admin(org, key);
    }
}
