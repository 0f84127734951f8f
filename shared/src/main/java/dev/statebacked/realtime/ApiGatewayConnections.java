package dev.statebacked.realtime;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;

/** Connections of an API Gateway WebSocket API, through its management API ({@code PostToConnection}, ...). */
public final class ApiGatewayConnections implements ConnectionGateway {
    private final ApiGatewayManagementApiClient client;

    public ApiGatewayConnections(ApiGatewayManagementApiClient client) {
        this.client = client;
    }

    @Override
    public boolean post(String connectionId, String message) {
        try {
            client.postToConnection(b -> b.connectionId(connectionId).data(SdkBytes.fromUtf8String(message)));
            return true;
        } catch (GoneException e) {
            return false;
        }
    }

    @Override
    public void close(String connectionId) {
        try {
            client.deleteConnection(b -> b.connectionId(connectionId));
        } catch (GoneException e) {
            // already closed
        }
    }
}
