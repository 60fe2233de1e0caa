package io.backchannel.archive.internal;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/** The archive's settings ({@code backchannel.archive.*}, see docs/configuration.md). */
@Component
public class ArchiveSettings {

    private final Path directory;
    private final Path indexDirectory;
    private final DataSize maxFileSize;
    private final DataSize maxContent;
    private final int checkpointEvery;

    ArchiveSettings(
            @Value("${backchannel.archive.dir}") Path directory,
            @Value("${backchannel.archive.index-dir:${backchannel.archive.dir}/index}") Path indexDirectory,
            @Value("${backchannel.archive.max-file-size:100MB}") DataSize maxFileSize,
            @Value("${backchannel.archive.max-content:5MB}") DataSize maxContent,
            @Value("${backchannel.archive.checkpoint-every:1000}") int checkpointEvery) {
        this.directory = directory.toAbsolutePath().normalize();
        this.indexDirectory = indexDirectory.toAbsolutePath().normalize();
        this.maxFileSize = maxFileSize;
        this.maxContent = maxContent;
        this.checkpointEvery = Math.max(1, checkpointEvery);
    }

    public Path directory() {
        return directory;
    }

    Path indexDirectory() {
        return indexDirectory;
    }

    long maxFileSize() {
        return maxFileSize.toBytes();
    }

    long maxContent() {
        return maxContent.toBytes();
    }

    int checkpointEvery() {
        return checkpointEvery;
    }
}
