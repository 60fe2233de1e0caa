package io.backchannel.channels.internal.imports;

/** A reader of a download whose profile, read before the posts and comments, names the account they belong to. */
abstract class ProfileFirstReader implements ExportReader {

    final ImportSink sink;
    private final ExportFiles files;

    /** The account holder's name; empty until the profile is read, and when the download has none. */
    String account = "";

    ProfileFirstReader(ImportSink sink, ExportFiles files) {
        this.sink = sink;
        this.files = files;
    }

    @Override
    public final int order(String path) {
        return files.order(path);
    }
}
