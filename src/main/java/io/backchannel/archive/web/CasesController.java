package io.backchannel.archive.web;

import io.backchannel.archive.internal.ArchiveRecords;
import io.backchannel.archive.internal.Cases;
import io.backchannel.archive.internal.EvidenceExport;
import io.backchannel.archive.internal.Refused;
import io.backchannel.identity.SignedInAccount;
import io.backchannel.system.NotFoundException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Cases: archivists gather records for one matter and download them as one evidence package. */
@Controller
@RequestMapping("/archive/cases")
class CasesController {

    private final Cases cases;
    private final ArchiveRecords records;
    private final EvidenceExport export;

    CasesController(Cases cases, ArchiveRecords records, EvidenceExport export) {
        this.cases = cases;
        this.records = records;
        this.export = export;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("cases", cases.all());
        if (!model.containsAttribute("name")) {
            model.addAttribute("name", "");
        }
        return "archive/cases";
    }

    @PostMapping
    String create(
            @RequestParam(defaultValue = "") String name,
            @AuthenticationPrincipal SignedInAccount account,
            RedirectAttributes redirect) {
        try {
            UUID id = cases.create(name, account.id());
            redirect.addFlashAttribute("flash", "archive.case.made");
            return "redirect:/archive/cases/" + id;
        } catch (Refused refused) {
            redirect.addFlashAttribute("nameError", refused.messageKey());
            redirect.addFlashAttribute("name", name.length() > 1000 ? name.substring(0, 1000) : name);
            return "redirect:/archive/cases";
        }
    }

    @GetMapping("/{id}")
    String show(@PathVariable String id, Model model) {
        Cases.Case found = find(id);
        model.addAttribute("case", found);
        model.addAttribute("records", records.rows(cases.records(found.id())));
        return "archive/case";
    }

    /** Adds a record from its record page; the form names the case. */
    @PostMapping("/records")
    String add(
            @RequestParam String caseId,
            @RequestParam String record,
            @AuthenticationPrincipal SignedInAccount account,
            RedirectAttributes redirect) {
        Cases.Case found = find(caseId);
        if (!cases.add(found.id(), uuid(record), account.id())) {
            throw new NotFoundException("archive record " + record);
        }
        redirect.addFlashAttribute("flash", "archive.case.added");
        return "redirect:/archive/records/" + uuid(record);
    }

    @PostMapping("/{id}/records/{record}/remove")
    String remove(@PathVariable String id, @PathVariable String record, RedirectAttributes redirect) {
        Cases.Case found = find(id);
        cases.remove(found.id(), uuid(record));
        redirect.addFlashAttribute("flash", "archive.case.removed");
        return "redirect:/archive/cases/" + found.id();
    }

    @GetMapping("/{id}/evidence.wacz")
    ResponseEntity<StreamingResponseBody> evidence(@PathVariable String id, Locale locale) {
        return ArchiveController.wacz(export, cases.records(find(id).id()), locale);
    }

    @GetMapping("/{id}/report.pdf")
    ResponseEntity<byte[]> report(@PathVariable String id, Locale locale) {
        byte[] pdf = export.pdfReport(cases.records(find(id).id()), locale);
        String name = "evidence-report-" + LocalDate.now(ZoneOffset.UTC) + ".pdf";
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(name).build().toString())
                .body(pdf);
    }

    private Cases.Case find(String id) {
        return cases.find(uuid(id)).orElseThrow(() -> new NotFoundException("archive case " + id));
    }

    static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("archive item " + id);
        }
    }
}
