package io.backchannel.blog.internal;

import java.util.regex.Pattern;

/** The plausibility check for addresses that guests type in; the confirmation mail is the real test. */
final class EmailAddresses {

    static final int MAX = 254;

    private static final Pattern PLAUSIBLE =
            Pattern.compile("[^@\\s\\p{Cntrl}]+@[^@\\s\\p{Cntrl}]+\\.[^@\\s\\p{Cntrl}]+");

    private EmailAddresses() {}

    static boolean plausible(String email) {
        return email.length() <= MAX && PLAUSIBLE.matcher(email).matches();
    }
}
