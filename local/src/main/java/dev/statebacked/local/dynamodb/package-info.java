/**
 * An embedded, file-backed emulator of Amazon DynamoDB and DynamoDB Streams for the local stack; start it with
 * {@link dev.statebacked.local.dynamodb.DynamoDbEmulator#start} and point the real AWS SDK v2 clients at
 * {@link dev.statebacked.local.dynamodb.DynamoDbEmulator#endpoint}.
 *
 * <p>How a request flows: {@code RequestRouter} decodes the JSON 1.0 protocol and calls one of the
 * {@code *Operations} classes; they parse expressions with {@code ExpressionParser} (evaluated by
 * {@code ConditionEvaluator}, {@code UpdateApplier}, {@code Projection}) and read or write through {@code Storage},
 * which keeps everything in one H2 MVStore file: a table catalogue, one sorted map per table and per secondary index
 * keyed by {@code KeyEncoding}'s order-preserving encoding, and one map of stream records per table.
 *
 * <p>Writes are serialised by one global lock and committed to the file per request; reads take no lock.
 */
package dev.statebacked.local.dynamodb;
