/**
 * On-disk formats: one class per format owns its column names, Spark schema and version
 * ({@link org.mlpf.schema.NtupleSchema}, {@link org.mlpf.schema.CandidateSchema}); {@link org.mlpf.schema.SchemaCheck}
 * compares a file's schema with the expected one and names the offending column.
 */
package org.mlpf.schema;
