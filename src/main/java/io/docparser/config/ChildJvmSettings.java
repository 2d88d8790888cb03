package io.docparser.config;

/**
 * How the child JVMs that parse documents (isolation {@code process}) run.
 *
 * @param heapMb         each child's maximum heap; a document that needs more fails with PARSER_OUT_OF_MEMORY
 * @param maxDocuments   documents a child parses before it is replaced, so that a parser's leak cannot build up
 * @param extraClassPath entries added to the children's class path (extra Tika parsers); empty for none
 */
public record ChildJvmSettings(int heapMb, int maxDocuments, String extraClassPath) {
}
