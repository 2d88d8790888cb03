package io.docparser.bench;

/**
 * One document of a benchmark corpus.
 *
 * @param password its password when it is encrypted, else null
 */
record BenchDocument(String name, byte[] bytes, String password) {
}
