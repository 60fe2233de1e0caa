package io.backchannel.channels.internal.imports;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/** The importers' limits ({@code backchannel.channels.import.*}, see docs/configuration.md). */
@Component
public class ImportSettings {

    private final Path directory;
    private final long maxUpload;
    private final int maxEntries;
    private final long maxTotal;
    private final int maxRatio;
    private final int batchSize;
    private final int keptRejections;

    ImportSettings(
            @Value("${backchannel.channels.import.dir:${backchannel.data-dir}/imports}") Path directory,
            @Value("${backchannel.channels.import.max-upload:2GB}") DataSize maxUpload,
            @Value("${backchannel.channels.import.max-entries:200000}") int maxEntries,
            @Value("${backchannel.channels.import.max-total-size:20GB}") DataSize maxTotal,
            @Value("${backchannel.channels.import.max-ratio:200}") int maxRatio,
            @Value("${backchannel.channels.import.batch-size:200}") int batchSize,
            @Value("${backchannel.channels.import.kept-rejections:200}") int keptRejections) {
        this.directory = directory.toAbsolutePath().normalize();
        this.maxUpload = maxUpload.toBytes();
        this.maxEntries = maxEntries;
        this.maxTotal = maxTotal.toBytes();
        this.maxRatio = maxRatio;
        this.batchSize = Math.max(1, batchSize);
        this.keptRejections = keptRejections;
    }

    /** Where uploads wait for their import. */
    Path directory() {
        return directory;
    }

    public long maxUpload() {
        return maxUpload;
    }

    int maxEntries() {
        return maxEntries;
    }

    long maxTotal() {
        return maxTotal;
    }

    int maxRatio() {
        return maxRatio;
    }

    int batchSize() {
        return batchSize;
    }

    int keptRejections() {
        return keptRejections;
    }
}
