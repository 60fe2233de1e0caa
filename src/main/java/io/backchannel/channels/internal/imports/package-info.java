/** Imports of the platforms' own data downloads into the archive. */
@NullMarked
package io.backchannel.channels.internal.imports;

import org.jspecify.annotations.NullMarked;
