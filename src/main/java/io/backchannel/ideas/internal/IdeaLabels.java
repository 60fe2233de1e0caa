package io.backchannel.ideas.internal;

import io.backchannel.identity.SignedInAccount;
import io.backchannel.system.NotFoundException;
import java.util.List;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Tags and languages of the portal: the popular tags and present languages for the list, and staff re-tagging. */
@Service
@Transactional(readOnly = true)
public class IdeaLabels {

    static final int POPULAR = 20;

    private final Labels labels;
    private final Ideas ideas;

    IdeaLabels(Labels labels, Ideas ideas) {
        this.labels = labels;
        this.ideas = ideas;
    }

    /** The {@value #POPULAR} most used tags, most used first. */
    public List<TagCount> popularTags() {
        return labels.popular(POPULAR);
    }

    /** The languages ideas are written in, by code; only these are worth offering as a filter. */
    public List<String> languages() {
        return labels.languages();
    }

    /** Staff replace an idea's tags; the input is parsed like the author's. */
    @Transactional
    public void retag(long number, String input, SignedInAccount staff) {
        if (!staff.staff()) {
            throw new AccessDeniedException("Only staff edit the tags of an idea");
        }
        var tags = TagNames.parse(input);
        var idea = ideas.lock(number).orElseThrow(() -> new NotFoundException("idea " + number));
        labels.set(idea.id(), tags);
    }

    public record TagCount(String name, int uses) {}
}
