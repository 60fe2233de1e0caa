package io.backchannel.archive.web;

import io.backchannel.archive.CaptureKind;
import io.backchannel.archive.internal.Archive;
import io.backchannel.archive.internal.ArchiveRecords;
import io.backchannel.archive.internal.Cases;
import io.backchannel.archive.internal.Checkpoints;
import io.backchannel.archive.internal.EvidenceExport;
import io.backchannel.archive.internal.Refused;
import io.backchannel.archive.internal.SigningKey;
import io.backchannel.archive.internal.Timestamps;
import io.backchannel.archive.internal.Verifications;
import io.backchannel.identity.SignedInAccount;
import io.backchannel.system.NotFoundException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The archivists' pages: search, a record with its proof, and the state of the archive's verification. */
@Controller
@RequestMapping("/archive")
class ArchiveController {

    /** Every kind's label key, spelled out for the translation guard. */
    static final List<String> KIND_LABELS = List.of(
            "archive.kind.OWN_POST", "archive.kind.INBOUND_MENTION", "archive.kind.COMMENT", "archive.kind.REPLY");

    private final ArchiveRecords records;
    private final Verifications verifications;
    private final Checkpoints checkpoints;
    private final Timestamps timestamps;
    private final SigningKey key;
    private final EvidenceExport export;
    private final Cases cases;
    private final Archive archive;
    private final String baseUrl;

    ArchiveController(
            ArchiveRecords records,
            Verifications verifications,
            Checkpoints checkpoints,
            Timestamps timestamps,
            SigningKey key,
            EvidenceExport export,
            Cases cases,
            Archive archive,
            @Value("${backchannel.base-url}") String baseUrl) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.export = export;
        this.cases = cases;
        this.archive = archive;
        this.records = records;
        this.verifications = verifications;
        this.checkpoints = checkpoints;
        this.timestamps = timestamps;
        this.key = key;
    }

    @GetMapping
    String search(@ModelAttribute("search") ArchiveSearch search, Model model) {
        Map<String, String> errors = search.errors();
        model.addAttribute("errors", errors);
        model.addAttribute("kinds", CaptureKind.values());
        model.addAttribute("platforms", records.platforms());
        model.addAttribute("found", errors.isEmpty() ? records.search(search.query()) : null);
        addVerification(model);
        model.addAttribute("checkpoint", checkpoints.latest().orElse(null));
        model.addAttribute("timestamp", timestamps.status());
        model.addAttribute("keyFingerprint", key.fingerprint());
        model.addAttribute("publicKey", key.publicKeyBase64());
        return "archive/search";
    }

    @GetMapping("/records/{id}")
    String record(@PathVariable String id, Model model) {
        UUID uuid = CasesController.uuid(id);
        model.addAttribute("permalink", baseUrl + "/archive/records/" + uuid);
        model.addAttribute(
                "record", records.detail(uuid).orElseThrow(() -> new NotFoundException("archive record " + id)));
        model.addAttribute("cases", cases.all());
        model.addAttribute("holding", cases.holding(uuid));
        return "archive/record";
    }

    @GetMapping("/records/{id}/evidence.wacz")
    ResponseEntity<StreamingResponseBody> evidence(@PathVariable String id, Locale locale) {
        List<UUID> versions = export.versionsOf(CasesController.uuid(id));
        if (versions.isEmpty()) {
            throw new NotFoundException("archive record " + id);
        }
        return wacz(versions, locale);
    }

    /** The records the search finds (the first page of them), as one evidence package. */
    @GetMapping("/export.wacz")
    ResponseEntity<StreamingResponseBody> exportSearch(@ModelAttribute("search") ArchiveSearch search, Locale locale) {
        if (!search.errors().isEmpty()) {
            return ResponseEntity.badRequest().build();
        }
        return wacz(
                records.search(search.query()).rows().stream()
                        .map(ArchiveRecords.Row::id)
                        .toList(),
                locale);
    }

    private ResponseEntity<StreamingResponseBody> wacz(List<UUID> ids, Locale locale) {
        return wacz(export, ids, locale);
    }

    static ResponseEntity<StreamingResponseBody> wacz(EvidenceExport export, List<UUID> ids, Locale locale) {
        String name = "evidence-" + java.time.LocalDate.now(java.time.ZoneOffset.UTC) + ".wacz";
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/wacz"))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(name).build().toString())
                .body(out -> export.write(ids, locale, out));
    }

    @PostMapping("/records/{id}/erase")
    String erase(
            @PathVariable String id,
            @RequestParam(defaultValue = "") String reason,
            @AuthenticationPrincipal SignedInAccount account,
            RedirectAttributes redirect) {
        UUID uuid = CasesController.uuid(id);
        try {
            archive.erase(uuid, reason, account.displayName() + " (" + account.id() + ")");
            redirect.addFlashAttribute("flash", "archive.erase.done");
        } catch (Refused refused) {
            redirect.addFlashAttribute("flashError", refused.messageKey());
        }
        return "redirect:/archive/records/" + uuid;
    }

    @PostMapping("/verify")
    String verify(RedirectAttributes redirect) {
        redirect.addFlashAttribute(
                "flash", verifications.start() ? "archive.verify.started" : "archive.verify.running");
        return "redirect:/archive#verification";
    }

    /** The verification part of the archive page, polled by htmx while a check runs. */
    @GetMapping("/verification")
    String verification(Model model) {
        addVerification(model);
        return "archive/search :: verification";
    }

    private void addVerification(Model model) {
        model.addAttribute("verification", verifications.last().orElse(null));
        model.addAttribute("verifying", verifications.running().orElse(null));
    }
}
