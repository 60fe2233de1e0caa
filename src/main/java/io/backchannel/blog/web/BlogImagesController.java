package io.backchannel.blog.web;

import io.backchannel.blog.internal.BlogEditor;
import io.backchannel.blog.internal.BlogImages;
import io.backchannel.blog.internal.EditRefused;
import io.backchannel.identity.SignedInAccount;
import io.backchannel.system.NotFoundException;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Image upload from the editor (staff only: /workspace), and the images as posts show them (public). */
@RestController
class BlogImagesController {

    private final BlogImages images;
    private final MessageSource messages;

    BlogImagesController(BlogImages images, MessageSource messages) {
        this.images = images;
        this.messages = messages;
    }

    /** Answers with the Markdown to insert, or with a translated reason (422) the editor shows next to the field. */
    @PostMapping(path = "/workspace/blog/images", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, String>> upload(
            @RequestParam("image") MultipartFile image,
            @RequestParam(defaultValue = "") String alt,
            @AuthenticationPrincipal SignedInAccount account)
            throws IOException {
        try {
            images.checkSize(image.getSize());
            UUID id = images.store(image.getBytes(), account.id());
            String url = BlogEditor.IMAGE_PATH + id;
            String text = alt.strip().replaceAll("[\\[\\]\\\\\\r\\n]", " ");
            return ResponseEntity.ok(Map.of("url", url, "markdown", "![" + text + "](" + url + ")"));
        } catch (EditRefused e) {
            String message = messages.getMessage(e.messageKey(), e.arguments(), LocaleContextHolder.getLocale());
            return ResponseEntity.status(422).body(Map.of("error", message));
        }
    }

    /** Images never change under their ID, so browsers and proxies may keep them for a year. */
    @GetMapping("/blog/images/{id}")
    ResponseEntity<byte[]> image(@PathVariable UUID id) {
        var image = images.find(id).orElseThrow(() -> new NotFoundException("image " + id));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(image.contentType()))
                .cacheControl(
                        CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable())
                .header("X-Content-Type-Options", "nosniff")
                .body(image.bytes());
    }
}
