package io.backchannel.listening.internal;

import io.backchannel.identity.AccountSummary;
import io.backchannel.identity.IdentityManagement;
import io.backchannel.identity.Role;
import io.backchannel.identity.TeamSummary;
import io.backchannel.system.NotFoundException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Goodwill a staff member may grant a customer without asking anyone, as the Ritz-Carlton lets each employee spend a
 * sum per guest: a daily budget in money and in vouchers, per person or a default for everyone. Every grant is
 * recorded. The day's spending is one row per person and day that a grant raises in a conditional update, so two
 * grants at once cannot both spend the last of the budget. Days begin at midnight in the installation's time zone.
 */
@Service
@Transactional
public class Goodwill {

    /** The budget row of everyone without their own. */
    static final UUID DEFAULT = new UUID(0, 0);

    public static final int REASON_MAX = 1_000;
    public static final BigDecimal AMOUNT_MAX = new BigDecimal("1000000");
    public static final int VOUCHERS_MAX = 10_000;
    static final int LIST_MAX = 500;

    private final JdbcClient jdbc;
    private final ConversationRows rows;
    private final StaffOnly staffOnly;
    private final IdentityManagement identity;
    private final ZoneId zone;

    Goodwill(
            JdbcClient jdbc,
            ConversationRows rows,
            StaffOnly staffOnly,
            IdentityManagement identity,
            @Value("${backchannel.time-zone:}") String zone) {
        this.jdbc = jdbc;
        this.rows = rows;
        this.staffOnly = staffOnly;
        this.identity = identity;
        this.zone = zone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(zone);
    }

    public LocalDate today() {
        return LocalDate.now(zone);
    }

    /** The budget everyone without their own has; empty when none is set (then nobody may grant). */
    @Transactional(readOnly = true)
    public Optional<Budget> defaultBudget() {
        return budgetRow(DEFAULT);
    }

    /** The staff members with their own budget, by name. */
    @Transactional(readOnly = true)
    public List<OwnBudget> ownBudgets() {
        var held = jdbc.sql("select * from listening_goodwill_budget where staff_id <> ?")
                .param(DEFAULT)
                .query((rs, n) -> new OwnBudget(rs.getObject("staff_id", UUID.class), "", budget(rs)))
                .list();
        var names = identity.displayNames(held.stream().map(OwnBudget::staffId).toList());
        return held.stream()
                .map(own -> new OwnBudget(own.staffId(), names.getOrDefault(own.staffId(), ""), own.budget()))
                .sorted(Comparator.comparing(OwnBudget::name, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    /** Sets the budget of the staff member, or the default one for {@code null}. */
    public void setBudget(@Nullable UUID staffId, Budget budget) {
        if (staffId != null) {
            staffOnly.require(staffId);
        }
        jdbc.sql(
                        """
                        insert into listening_goodwill_budget (staff_id, currency, amount, vouchers) values (?, ?, ?, ?)
                        on conflict (staff_id) do update
                        set currency = excluded.currency, amount = excluded.amount, vouchers = excluded.vouchers""")
                .params(staffId == null ? DEFAULT : staffId, budget.currency(), budget.amount(), budget.vouchers())
                .update();
    }

    /** The staff member goes back to the default budget. */
    public void removeBudget(UUID staffId) {
        jdbc.sql("delete from listening_goodwill_budget where staff_id = ? and staff_id <> ?")
                .params(staffId, DEFAULT)
                .update();
    }

    /** What the staff member may still grant today; empty without any budget. */
    @Transactional(readOnly = true)
    public Optional<Remaining> remaining(UUID staffId) {
        return budgetOf(staffId).map(budget -> {
            var spent = jdbc.sql("select amount, vouchers from listening_goodwill_day where staff_id = ? and day = ?")
                    .params(staffId, today())
                    .query((rs, n) -> new Spent(rs.getBigDecimal("amount"), rs.getInt("vouchers")))
                    .optional()
                    .orElse(new Spent(BigDecimal.ZERO, 0));
            return new Remaining(
                    budget,
                    budget.amount().subtract(spent.amount()).max(BigDecimal.ZERO),
                    Math.max(0, budget.vouchers() - spent.vouchers()));
        });
    }

    /**
     * Grants the customer of the conversation money (in the budget's currency) or vouchers, if today's budget allows.
     *
     * @throws Refused for a missing or too long reason, an amount out of range, no budget or too little left
     */
    public UUID grant(UUID conversationId, UUID staffId, Gift gift, String reason) {
        staffOnly.require(staffId);
        String why = reason.strip();
        if (why.isEmpty()) {
            throw new Refused("listening.goodwill.reason-required");
        }
        if (why.length() > REASON_MAX) {
            throw new Refused("listening.goodwill.reason-too-long");
        }
        gift.check();
        var conversation = rows.conversation(conversationId)
                .orElseThrow(() -> new NotFoundException("conversation " + conversationId));
        var budget = budgetOf(staffId).orElseThrow(() -> new Refused("listening.goodwill.no-budget"));
        LocalDate day = today();
        jdbc.sql("insert into listening_goodwill_day (staff_id, day) values (?, ?) on conflict do nothing")
                .params(staffId, day)
                .update();
        BigDecimal amount = gift.amount() == null ? BigDecimal.ZERO : gift.amount();
        int vouchers = gift.vouchers() == null ? 0 : gift.vouchers();
        // The row lock makes a concurrent grant wait and then see this one's spending in its condition.
        int spent = jdbc.sql(
                        """
                        update listening_goodwill_day set amount = amount + ?, vouchers = vouchers + ?
                        where staff_id = ? and day = ? and amount + ? <= ? and vouchers + ? <= ?""")
                .params(amount, vouchers, staffId, day, amount, budget.amount(), vouchers, budget.vouchers())
                .update();
        if (spent == 0) {
            throw new Refused("listening.goodwill.over-budget");
        }
        UUID id = UUID.randomUUID();
        jdbc.sql(
                        """
                        insert into listening_goodwill_grant (id, staff_id, conversation_id, customer_id, currency, amount,
                                                              vouchers, reason, day)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        id,
                        staffId,
                        conversationId,
                        conversation.customerId(),
                        gift.amount() == null ? null : budget.currency(),
                        gift.amount(),
                        gift.vouchers(),
                        why,
                        day)
                .update();
        rows.log(
                conversationId,
                gift.amount() == null ? "listening.goodwill.history.vouchers" : "listening.goodwill.history.money",
                gift.amount() == null ? String.valueOf(vouchers) : budget.currency() + " " + amount.toPlainString(),
                staffId);
        return id;
    }

    @Transactional(readOnly = true)
    public List<GrantView> grantsOf(UUID conversationId) {
        return named(jdbc.sql(GRANTS + " where g.conversation_id = ? order by g.granted_at, g.id")
                .param(conversationId)
                .query(Goodwill::grantRow)
                .list());
    }

    /** Grants newest first, by the staff member and within the days given (inclusive), at most {@code limit}. */
    @Transactional(readOnly = true)
    public List<GrantView> grants(@Nullable UUID staffId, @Nullable LocalDate from, @Nullable LocalDate to, int limit) {
        return named(jdbc.sql(GRANTS
                        + " where (cast(? as uuid) is null or g.staff_id = ?)"
                        + " and (cast(? as date) is null or g.day >= ?) and (cast(? as date) is null or g.day <= ?)"
                        + " order by g.granted_at desc, g.id limit ?")
                .params(staffId, staffId, from, from, to, to, Math.min(limit, LIST_MAX))
                .query(Goodwill::grantRow)
                .list());
    }

    /** Staff and admins of all teams, and everyone holding a budget, to choose from. */
    @Transactional(readOnly = true)
    public List<AccountSummary> staff() {
        Set<UUID> ids = new LinkedHashSet<>();
        for (TeamSummary team : identity.teams()) {
            ids.addAll(identity.teamMembers(team.id()));
        }
        ownBudgets().forEach(own -> ids.add(own.staffId()));
        return identity.accounts(new ArrayList<>(ids)).stream()
                .filter(account ->
                        account.roles().contains(Role.STAFF) || account.roles().contains(Role.ADMIN))
                .sorted(Comparator.comparing(AccountSummary::displayName, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    private static final String GRANTS =
            """
            select g.id, g.staff_id, g.conversation_id, cu.handle, g.currency, g.amount, g.vouchers, g.reason,
                   g.granted_at
            from listening_goodwill_grant g join listening_customer cu on cu.id = g.customer_id""";

    private static GrantView grantRow(ResultSet rs, int n) throws SQLException {
        return new GrantView(
                rs.getObject("id", UUID.class),
                rs.getObject("staff_id", UUID.class),
                "",
                rs.getObject("conversation_id", UUID.class),
                rs.getString("handle"),
                rs.getString("currency"),
                rs.getBigDecimal("amount"),
                (Integer) rs.getObject("vouchers"),
                rs.getString("reason"),
                rs.getTimestamp("granted_at").toInstant());
    }

    private List<GrantView> named(List<GrantView> grants) {
        var names =
                identity.displayNames(grants.stream().map(GrantView::staffId).toList());
        return grants.stream()
                .map(g -> new GrantView(
                        g.id(),
                        g.staffId(),
                        names.getOrDefault(g.staffId(), ""),
                        g.conversationId(),
                        g.customer(),
                        g.currency(),
                        g.amount(),
                        g.vouchers(),
                        g.reason(),
                        g.grantedAt()))
                .toList();
    }

    private Optional<Budget> budgetOf(UUID staffId) {
        return budgetRow(staffId).or(() -> budgetRow(DEFAULT));
    }

    private Optional<Budget> budgetRow(UUID staffId) {
        return jdbc.sql("select currency, amount, vouchers from listening_goodwill_budget where staff_id = ?")
                .param(staffId)
                .query((rs, n) -> budget(rs))
                .optional();
    }

    private static Budget budget(ResultSet rs) throws SQLException {
        return new Budget(rs.getString("currency"), rs.getBigDecimal("amount"), rs.getInt("vouchers"));
    }

    /** A daily budget: money in a currency (ISO 4217 code) with at most two decimals, and a number of vouchers. */
    public record Budget(String currency, BigDecimal amount, int vouchers) {

        public Budget {
            if (!currency.matches("[A-Z]{3}")) {
                throw new Refused("listening.goodwill.currency-invalid");
            }
            if (amount.signum() < 0
                    || amount.compareTo(AMOUNT_MAX) > 0
                    || amount.stripTrailingZeros().scale() > 2) {
                throw new Refused("listening.goodwill.amount-invalid");
            }
            if (vouchers < 0 || vouchers > VOUCHERS_MAX) {
                throw new Refused("listening.goodwill.vouchers-invalid");
            }
        }
    }

    /** Either an amount of money or a number of vouchers. */
    public record Gift(@Nullable BigDecimal amount, @Nullable Integer vouchers) {

        public static Gift money(BigDecimal amount) {
            return new Gift(amount, null);
        }

        public static Gift vouchers(int count) {
            return new Gift(null, count);
        }

        void check() {
            if (amount != null
                    && (amount.signum() <= 0
                            || amount.compareTo(AMOUNT_MAX) > 0
                            || amount.stripTrailingZeros().scale() > 2)) {
                throw new Refused("listening.goodwill.amount-invalid");
            }
            if (vouchers != null && (vouchers <= 0 || vouchers > VOUCHERS_MAX)) {
                throw new Refused("listening.goodwill.vouchers-invalid");
            }
            if ((amount == null) == (vouchers == null)) {
                throw new Refused("listening.goodwill.kind-invalid");
            }
        }
    }

    public record OwnBudget(UUID staffId, String name, Budget budget) {}

    public record Remaining(Budget budget, BigDecimal amount, int vouchers) {}

    private record Spent(BigDecimal amount, int vouchers) {}

    public record GrantView(
            UUID id,
            UUID staffId,
            String staff,
            UUID conversationId,
            String customer,
            @Nullable String currency,
            @Nullable BigDecimal amount,
            @Nullable Integer vouchers,
            String reason,
            Instant grantedAt) {}
}
