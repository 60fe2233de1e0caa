/** Accounts, roles, teams, login, one-time e-mail links and API tokens. */
@NullMarked
package io.backchannel.identity;

import org.jspecify.annotations.NullMarked;
