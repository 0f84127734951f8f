package dev.statebacked.local.secrets;

/**
 * An error answered in Secrets Manager's JSON 1.1 shape: status 400 and {@code __type} naming the modelled
 * exception, so that the SDK raises the same exception class as against AWS.
 */
final class SecretsManagerException extends RuntimeException {
    private final String type;

    private SecretsManagerException(String type, String message) {
        super(message);
        this.type = type;
    }

    static SecretsManagerException notFound(String secretId) {
        return new SecretsManagerException(
                "ResourceNotFoundException", "Secrets Manager can't find the specified secret: " + secretId);
    }

    static SecretsManagerException exists(String name) {
        return new SecretsManagerException(
                "ResourceExistsException", "The operation failed because the secret " + name + " already exists.");
    }

    static SecretsManagerException invalidParameter(String message) {
        return new SecretsManagerException("InvalidParameterException", message);
    }

    static SecretsManagerException invalidRequest(String message) {
        return new SecretsManagerException("InvalidRequestException", message);
    }

    String type() {
        return type;
    }
}
