package io.docparser.config;

import java.nio.file.Path;

/**
 * Where uploads are streamed to while their request lasts.
 *
 * @param path     the directory, absolute
 * @param perStart whether the node made it for this start alone (the default), and removes it when it stops
 */
public record UploadDirectory(Path path, boolean perStart) {
}
