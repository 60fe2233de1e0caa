package io.backchannel.channels.web;

import io.backchannel.channels.internal.Connector;
import io.backchannel.channels.internal.ConnectorKind;
import io.backchannel.channels.internal.Connectors;
import io.backchannel.system.WebhookSignatures;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Admins list the connectors with their health, add one of a kind, change or disable it (under /admin/channels). */
@Controller
class ConnectorsController {

    static final String LIST = "channels/connectors";
    static final String FORM = "channels/connector-form";

    private final Connectors connectors;

    ConnectorsController(Connectors connectors) {
        this.connectors = connectors;
    }

    @GetMapping("/admin/channels")
    String list(Model model) {
        model.addAttribute("connectors", connectors.all());
        model.addAttribute("kinds", ConnectorKind.configurable());
        return LIST;
    }

    @GetMapping("/admin/channels/new")
    String initCreationForm(@RequestParam ConnectorKind kind, Model model) {
        model.addAttribute("form", new ConnectorForm(kind, "", "", "", 15, "", "", "", "", false, false));
        return FORM;
    }

    @PostMapping("/admin/channels")
    String processCreationForm(
            @Valid @ModelAttribute("form") ConnectorForm form,
            BindingResult result,
            Model model,
            RedirectAttributes redirect) {
        validate(form, null, result);
        requireCredentials(form, result);
        if (result.hasErrors()) {
            return FORM;
        }
        ConnectorKind kind = Objects.requireNonNull(form.kind());
        String secret =
                blank(form.secret()) && kind == ConnectorKind.WEBHOOK ? WebhookSignatures.newSecret() : form.secret();
        UUID id = connectors.create(kind, Objects.requireNonNull(form.name()), settings(form), secret);
        if (blank(form.secret()) && secret != null) {
            redirect.addFlashAttribute("createdSecret", secret);
        }
        redirect.addFlashAttribute("flash", "channels.admin.created");
        return "redirect:/admin/channels/" + id;
    }

    @GetMapping("/admin/channels/{id}")
    String initUpdateForm(@PathVariable UUID id, Model model) {
        Connector connector = connectors.get(id);
        model.addAttribute("connector", connector);
        model.addAttribute(
                "form",
                new ConnectorForm(
                        connector.kind(),
                        connector.name(),
                        connector.setting(
                                connector.kind() == ConnectorKind.WEBHOOK ? Connector.REPLY_URL : Connector.URL),
                        "",
                        connector.intervalMinutes(),
                        connector.setting(Connector.FILTERS),
                        connector.setting(Connector.ACCOUNT),
                        connector.setting(Connector.HASHTAGS),
                        connector.setting(Connector.QUERY),
                        Boolean.parseBoolean(connector.setting(Connector.MENTIONS)),
                        Boolean.parseBoolean(connector.setting(Connector.STREAMING))));
        return FORM;
    }

    @PostMapping("/admin/channels/{id}")
    String processUpdateForm(
            @PathVariable UUID id,
            @Valid @ModelAttribute("form") ConnectorForm form,
            BindingResult result,
            Model model,
            RedirectAttributes redirect) {
        Connector connector = connectors.get(id);
        if (form.kind() != connector.kind()) {
            result.rejectValue("kind", "channels.admin.kind-fixed");
        }
        validate(form, id, result);
        if (!connector.hasCredentials()) {
            requireCredentials(form, result);
        }
        if (result.hasErrors()) {
            model.addAttribute("connector", connector);
            return FORM;
        }
        connectors.update(id, Objects.requireNonNull(form.name()), settings(form), form.secret());
        redirect.addFlashAttribute("flash", "channels.admin.saved");
        return "redirect:/admin/channels/" + id;
    }

    @PostMapping("/admin/channels/{id}/enabled")
    String setEnabled(@PathVariable UUID id, @RequestParam boolean enabled, RedirectAttributes redirect) {
        connectors.get(id);
        connectors.setEnabled(id, enabled);
        redirect.addFlashAttribute("flash", enabled ? "channels.admin.enabled" : "channels.admin.disabled");
        return "redirect:/admin/channels";
    }

    private void validate(ConnectorForm form, @Nullable UUID id, BindingResult result) {
        if (form.kind() == null || !ConnectorKind.configurable().contains(form.kind())) {
            if (!result.hasFieldErrors("kind")) {
                result.rejectValue("kind", "channels.admin.kind-invalid");
            }
            return;
        }
        if (!result.hasFieldErrors("name") && form.name() != null && connectors.nameTaken(form.name(), id)) {
            result.rejectValue("name", "channels.admin.name-taken");
        }
        boolean stream = form.kind() == ConnectorKind.BLUESKY;
        // X, Facebook and LinkedIn default to the platform's own API host; a webhook's reply address is optional.
        boolean urlRequired =
                switch (form.kind()) {
                    case WEBHOOK, X, FACEBOOK, LINKEDIN -> false;
                    default -> true;
                };
        if (urlRequired && blank(form.url()) && !result.hasFieldErrors("url")) {
            result.rejectValue("url", "validation.required");
        } else if (!blank(form.url()) && !result.hasFieldErrors("url")) {
            String url = Objects.requireNonNull(form.url());
            if (stream && !url.strip().matches("(?i)wss?://[^\\s/@]+(/\\S*)?")) {
                result.rejectValue("url", "channels.admin.ws-url-invalid");
            } else if (!stream && !httpUrl(url)) {
                result.rejectValue("url", "channels.admin.url-invalid");
            }
        }
        if (!blank(form.secret())
                && Objects.requireNonNull(form.secret()).strip().length() < 16) {
            result.rejectValue("secret", "channels.admin.secret-short");
        }
        PlatformSettings.validate(form, result);
    }

    /** Connectors that call a platform cannot work without their token or app password. */
    private static void requireCredentials(ConnectorForm form, BindingResult result) {
        if (PlatformSettings.signsIn(form.kind()) && blank(form.secret()) && !result.hasFieldErrors("secret")) {
            result.rejectValue("secret", "validation.required");
        }
    }

    private static Map<String, String> settings(ConnectorForm form) {
        Map<String, String> settings = new LinkedHashMap<>();
        String url = form.url() == null ? "" : form.url().strip();
        switch (Objects.requireNonNull(form.kind())) {
            case WEBHOOK -> settings.put(Connector.REPLY_URL, url);
            case FEED -> {
                settings.put(Connector.URL, url);
                settings.put(Connector.INTERVAL_MINUTES, Integer.toString(form.intervalMinutes()));
            }
            case BLUESKY -> {
                settings.put(Connector.URL, url);
                settings.put(
                        Connector.FILTERS,
                        form.filters() == null ? "" : form.filters().strip());
            }
            case X, FACEBOOK, LINKEDIN, MASTODON, BLUESKY_SEARCH -> PlatformSettings.put(form, url, settings);
            case MANUAL -> {}
        }
        return settings;
    }

    /** Only absolute http and https addresses with a host: no file:, javascript: or other schemes, no user info. */
    static boolean httpUrl(String url) {
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https"))
                    && uri.getHost() != null
                    && uri.getRawUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }

    record ConnectorForm(
            @NotNull(message = "{validation.required}") @Nullable ConnectorKind kind,
            @NotBlank(message = "{validation.required}") @Size(max = 100, message = "{validation.too-long}") @Nullable
                    String name,
            @Size(max = 2000, message = "{validation.too-long}") @Nullable String url,
            @Size(max = 500, message = "{validation.too-long}") @Nullable String secret,
            @Min(value = 1, message = "{channels.admin.interval-range}")
                    @Max(value = 1440, message = "{channels.admin.interval-range}")
                    int intervalMinutes,
            @Size(max = 1000, message = "{validation.too-long}") @Nullable String filters,
            @Size(max = 200, message = "{validation.too-long}") @Nullable String account,
            @Size(max = 1000, message = "{validation.too-long}") @Nullable String hashtags,
            @Size(max = 512, message = "{validation.too-long}") @Nullable String query,
            @Nullable Boolean mentions,
            @Nullable Boolean streaming) {}
}
