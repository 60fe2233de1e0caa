@NullMarked
package io.backchannel.archive.internal;

import org.jspecify.annotations.NullMarked;
