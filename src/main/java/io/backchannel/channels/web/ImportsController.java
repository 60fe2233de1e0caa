package io.backchannel.channels.web;

import io.backchannel.channels.internal.imports.ImportJobs;
import io.backchannel.channels.internal.imports.ImportSettings;
import io.backchannel.identity.SignedInAccount;
import io.backchannel.system.CsvWriter;
import io.backchannel.system.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Archivists upload the platforms' data downloads and follow their imports (under {@code /archive}, so only
 * archivists and admins reach it). The upload is on disk already when this runs (the container keeps multipart files
 * there); it is moved, never read into memory.
 */
@Controller
@RequestMapping("/archive/imports")
class ImportsController {

    private static final int MAX_ACCOUNT = 200;

    private final ImportJobs jobs;
    private final long maxUpload;

    /**
     * The container refuses multipart uploads over its own limit before this controller sees them, so the smaller of
     * the two is what staff can upload and what the page says.
     */
    ImportsController(
            ImportJobs jobs,
            ImportSettings settings,
            @Value("${spring.servlet.multipart.max-file-size:1MB}") DataSize multipartFile,
            @Value("${spring.servlet.multipart.max-request-size:10MB}") DataSize multipartRequest) {
        this.jobs = jobs;
        this.maxUpload = Math.min(settings.maxUpload(), Math.min(positive(multipartFile), positive(multipartRequest)));
    }

    private static long positive(DataSize size) {
        return size.toBytes() < 0 ? Long.MAX_VALUE : size.toBytes();
    }

    @GetMapping
    String list(
            @RequestParam(defaultValue = "") String state,
            @RequestParam(defaultValue = "") String platform,
            @RequestParam(defaultValue = "") String q,
            @RequestParam(defaultValue = "1") int page,
            Model model) {
        ImportJobs.Query query = query(state, platform, q, page);
        model.addAttribute("query", query);
        model.addAttribute("imports", jobs.list(query));
        model.addAttribute("states", ImportJobs.State.values());
        model.addAttribute("maxMegabytes", maxUpload / (1024 * 1024));
        return "channels/imports";
    }

    @GetMapping(value = "/export.csv")
    void csv(
            @RequestParam(defaultValue = "") String state,
            @RequestParam(defaultValue = "") String platform,
            @RequestParam(defaultValue = "") String q,
            HttpServletResponse response)
            throws IOException {
        CsvWriter.prepare(response, "imports.csv");
        try (CsvWriter csv = new CsvWriter(response.getWriter())) {
            csv.row(
                    "id",
                    "file",
                    "size",
                    "platform",
                    "account",
                    "state",
                    "imported",
                    "already_held",
                    "new_versions",
                    "rejected",
                    "deleted_at_source",
                    "started_by",
                    "created_at",
                    "finished_at");
            jobs.each(
                    query(state, platform, q, 1),
                    job -> csv.row(
                            job.id().toString(),
                            job.fileName(),
                            Long.toString(job.fileSize()),
                            Objects.requireNonNullElse(job.platform(), ""),
                            Objects.requireNonNullElse(job.account(), ""),
                            job.state().name(),
                            Integer.toString(job.imported()),
                            Integer.toString(job.alreadyHeld()),
                            Integer.toString(job.newVersions()),
                            Integer.toString(job.rejected()),
                            Integer.toString(job.deletedAtSource()),
                            job.startedBy(),
                            job.createdAt().toString(),
                            job.finishedAt() == null ? "" : job.finishedAt().toString()));
        }
    }

    @PostMapping
    String upload(
            @RequestParam(name = "file", required = false) @Nullable MultipartFile file,
            @RequestParam(defaultValue = "") String account,
            @AuthenticationPrincipal SignedInAccount who,
            RedirectAttributes redirect)
            throws IOException {
        String error = null;
        if (file == null || file.isEmpty()) {
            error = "channels.import.error.no-file";
        } else if (file.getSize() > maxUpload) {
            error = "channels.import.error.too-large";
        } else if (account.strip().length() > MAX_ACCOUNT) {
            error = "channels.import.error.account";
        }
        if (error != null || file == null) {
            redirect.addFlashAttribute("uploadError", error);
            return "redirect:/archive/imports";
        }
        Path temporary = Files.createTempFile("backchannel-import-", ".upload");
        file.transferTo(temporary);
        String name =
                file.getOriginalFilename() == null || file.getOriginalFilename().isBlank()
                        ? "upload"
                        : file.getOriginalFilename();
        UUID id = jobs.submit(
                temporary, name, file.getSize(), account.isBlank() ? null : account.strip(), who.displayName());
        redirect.addFlashAttribute("flash", "channels.import.started");
        return "redirect:/archive/imports/" + id;
    }

    @GetMapping("/{id}")
    String show(@PathVariable String id, Model model) {
        fill(id, model);
        return "channels/import";
    }

    /** The progress part of the page, polled by htmx while the import runs. */
    @GetMapping("/{id}/progress")
    String progress(@PathVariable String id, Model model) {
        fill(id, model);
        return "channels/import :: progress";
    }

    private void fill(String id, Model model) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("import");
        }
        ImportJobs.Job job = jobs.find(uuid).orElseThrow(() -> new NotFoundException("import"));
        model.addAttribute("job", job);
        model.addAttribute("rejections", jobs.rejections(uuid));
    }

    private static ImportJobs.Query query(String state, String platform, String q, int page) {
        ImportJobs.State parsed = null;
        for (ImportJobs.State candidate : ImportJobs.State.values()) {
            if (candidate.name().equals(state.toUpperCase(Locale.ROOT))) {
                parsed = candidate;
            }
        }
        return new ImportJobs.Query(
                parsed, platform.length() > 50 ? "" : platform, q.length() > 200 ? q.substring(0, 200) : q, page);
    }
}
