@NullMarked
package io.backchannel.blog.internal;

import org.jspecify.annotations.NullMarked;
