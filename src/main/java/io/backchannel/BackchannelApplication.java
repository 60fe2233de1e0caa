package io.backchannel;

import io.backchannel.archive.ArchiveCommand;
import io.backchannel.channels.ImportCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class BackchannelApplication {
    public static void main(String[] args) {
        if (ArchiveCommand.handles(args)) {
            // A command of its own: it reads the archive's files and exits without starting the server.
            System.exit(ArchiveCommand.run(args, System.out, System.err));
        }
        if (ImportCommand.handles(args)) {
            // Needs the database and the archive, so it starts the application without its web server.
            System.exit(ImportCommand.run(args, BackchannelApplication.class, System.out, System.err));
        }
        SpringApplication.run(BackchannelApplication.class, args);
    }
}
