/**
 * The event stream: every event of the local event store to Kafka, in order per subnet, at least
 * once ({@link io.leaseledger.streaming.KafkaPublisher}), as CloudEvents in the Kafka binary mode
 * ({@link io.leaseledger.streaming.CloudEventRecords}); and the consumers of that stream
 * ({@code tail}). See {@code docs/streaming.md}.
 */
package io.leaseledger.streaming;
