package io.backchannel.system;

import java.util.List;

/** One page of a list as the templates show it, with what the pager needs. Pages count from 1. */
public record ListPage<T>(List<T> items, int page, int size, long total) {

    public static final int DEFAULT_SIZE = 25;

    /** Rows to skip for the page; a long, so that absurd page numbers give an empty page, not an overflow. */
    public static long offset(int page, int size) {
        return (Math.max(page, 1) - 1L) * size;
    }

    public int totalPages() {
        return (int) Math.max(1, (total + size - 1) / size);
    }

    public boolean hasPrevious() {
        return page > 1;
    }

    public boolean hasNext() {
        return page < totalPages();
    }
}
