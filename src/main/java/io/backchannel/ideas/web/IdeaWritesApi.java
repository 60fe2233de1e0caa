package io.backchannel.ideas.web;

import io.backchannel.ideas.IdeaStatus;
import io.backchannel.ideas.internal.Discussion;
import io.backchannel.ideas.internal.IdeaFinder;
import io.backchannel.ideas.internal.IdeaPortal;
import io.backchannel.ideas.internal.TagNames;
import io.backchannel.ideas.internal.VoteBudgets;
import io.backchannel.identity.SignedInAccount;
import io.backchannel.system.RateLimits;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ideas part of the JSON API for writing, as the token's account: submit, vote, comment, and (staff) answer with a
 * status. The same rules and rate limits as on the pages; refusals are problem documents (see {@link IdeaApiProblems}).
 */
@RestController
@RequestMapping(path = "/api/ideas", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "ideas")
@SecurityRequirement(name = "bearer")
@ApiResponse(responseCode = "401", description = "No valid API token")
@ApiResponse(responseCode = "429", description = "Too many writes in the last minute")
class IdeaWritesApi {

    private final IdeaPortal portal;
    private final Discussion discussion;
    private final IdeaFinder finder;
    private final VoteBudgets budgets;
    private final VoteOrigins origins;
    private final RateLimits limits;

    IdeaWritesApi(
            IdeaPortal portal,
            Discussion discussion,
            IdeaFinder finder,
            VoteBudgets budgets,
            VoteOrigins origins,
            RateLimits limits) {
        this.portal = portal;
        this.discussion = discussion;
        this.finder = finder;
        this.budgets = budgets;
        this.origins = origins;
        this.limits = limits;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Submits an idea on a board (by its address) with the author's own promote")
    @ApiResponse(responseCode = "201", description = "Submitted; Location names the new idea")
    @ApiResponse(responseCode = "400", description = "Invalid fields, listed in 'errors'")
    ResponseEntity<IdeasApi.IdeaDocument> submit(
            @Valid @RequestBody NewIdea body,
            @AuthenticationPrincipal SignedInAccount account,
            HttpServletRequest request) {
        limit("idea", account, request);
        String slug = Objects.requireNonNull(body.category());
        UUID category = finder.categories().stream()
                .filter(board -> board.slug().equals(slug))
                .findFirst()
                .orElseThrow(() -> new IdeaApiProblems.InvalidField("category", "validation.choice"))
                .id();
        long number;
        try {
            number = portal.submit(
                    account.id(),
                    category,
                    Objects.requireNonNull(body.title()),
                    Objects.requireNonNull(body.description()),
                    Objects.requireNonNullElse(body.tags(), List.of()));
        } catch (TagNames.InvalidTags e) {
            throw new IdeaApiProblems.InvalidField("tags", IdeaTagsController.refusal(e.reason()));
        }
        return ResponseEntity.created(URI.create("/api/ideas/" + number))
                .body(IdeasApi.IdeaDocument.of(finder.idea(number, account.id())));
    }

    @PostMapping(path = "/{number}/votes", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Sets the token account's vote: 1 promotes, -1 demotes, 0 withdraws")
    @ApiResponse(responseCode = "200", description = "The idea's counts after the vote")
    @ApiResponse(responseCode = "404", description = "No such idea")
    @ApiResponse(responseCode = "409", description = "Refused: closed idea, promote-only board or vote budget used up")
    VoteResult vote(
            @PathVariable long number,
            @Valid @RequestBody NewVote body,
            @AuthenticationPrincipal SignedInAccount account,
            HttpServletRequest request) {
        limit("vote", account, request);
        portal.vote(number, account.id(), Objects.requireNonNull(body.value()), origins.of(request));
        var idea = finder.idea(number, account.id());
        var budget = budgets.onBoard(account.id(), idea.categorySlug());
        return new VoteResult(
                number,
                idea.score(),
                idea.promotes(),
                idea.demotes(),
                idea.myVote(),
                budget.map(VoteBudgets.Budget::remaining).orElse(null));
    }

    @PostMapping(path = "/{number}/comments", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Comments on an idea (Markdown); staff tokens answer as staff")
    @ApiResponse(responseCode = "201", description = "Commented")
    @ApiResponse(responseCode = "400", description = "Invalid fields, listed in 'errors'")
    @ApiResponse(responseCode = "404", description = "No such idea")
    ResponseEntity<CommentCreated> comment(
            @PathVariable long number,
            @Valid @RequestBody NewComment body,
            @AuthenticationPrincipal SignedInAccount account,
            HttpServletRequest request) {
        limit("comment", account, request);
        UUID id = discussion.comment(number, account.id(), Objects.requireNonNull(body.body()), account.staff());
        return ResponseEntity.created(URI.create("/api/ideas/" + number))
                .body(new CommentCreated(id, number, account.staff()));
    }

    @PostMapping(path = "/{number}/status", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('STAFF', 'ADMIN')")
    @Operation(
            summary =
                    "Answers an idea with a status (staff tokens only); NOT_PLANNED and DUPLICATE need an explanation")
    @ApiResponse(responseCode = "200", description = "The idea with its new status")
    @ApiResponse(responseCode = "400", description = "Invalid fields, listed in 'errors'")
    @ApiResponse(responseCode = "403", description = "The token's account is not staff")
    @ApiResponse(responseCode = "404", description = "No such idea")
    IdeasApi.IdeaDocument changeStatus(
            @PathVariable long number,
            @Valid @RequestBody NewStatus body,
            @AuthenticationPrincipal SignedInAccount account) {
        try {
            portal.changeStatus(
                    number,
                    Objects.requireNonNull(body.status()),
                    Objects.requireNonNullElse(body.explanation(), ""),
                    account.id());
        } catch (IdeaPortal.ExplanationRequired e) {
            throw new IdeaApiProblems.InvalidField("explanation", "validation.required");
        }
        return IdeasApi.IdeaDocument.of(finder.idea(number, null));
    }

    /** Public writes are limited per account and per client address, as on the pages. */
    private void limit(String action, SignedInAccount account, HttpServletRequest request) {
        if (!limits.tryAcquire(action, account.id().toString())
                || !limits.tryAcquire(action, request.getRemoteAddr())) {
            throw new IdeaApiProblems.RateLimited();
        }
    }

    record NewIdea(
            @NotBlank(message = "{validation.required}") @Size(max = 150, message = "{validation.too-long}") @Nullable
                    String title,
            @NotBlank(message = "{validation.required}") @Size(max = 40, message = "{validation.too-long}") @Nullable
                    String category,
            @NotBlank(message = "{validation.required}") @Size(max = 10000, message = "{validation.too-long}") @Nullable
                    String description,
            @Nullable List<String> tags) {}

    record NewVote(
            @NotNull(message = "{validation.required}")
                    @Min(value = -1, message = "{validation.range}")
                    @Max(value = 1, message = "{validation.range}")
                    @Nullable
                    Integer value) {}

    record NewComment(
            @NotBlank(message = "{validation.required}") @Size(max = 5000, message = "{validation.too-long}") @Nullable
                    String body) {}

    record NewStatus(
            @NotNull(message = "{validation.choose-one}") @Nullable IdeaStatus status,
            @Size(max = 2000, message = "{validation.too-long}") @Nullable String explanation) {}

    record VoteResult(
            long number, int score, int promotes, int demotes, int myVote, @Nullable Integer remainingVotes) {}

    record CommentCreated(UUID id, long number, boolean staff) {}
}
