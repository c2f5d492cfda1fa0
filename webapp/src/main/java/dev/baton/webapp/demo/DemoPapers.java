package dev.baton.webapp.demo;

import static dev.baton.webapp.demo.DemoCopy.rows;

import dev.baton.webapp.demo.DemoFiles.Doc;
import dev.baton.webapp.demo.DemoFiles.Section;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The demo library's papers that are written once rather than composed per customer or product: security and
 * compliance papers drawn from one set of sections, thought-leadership pieces, templates for reps, and the German and
 * French assets.
 */
final class DemoPapers {

    private static final Map<String, Section> SECURITY = Map.of(
            "soc2", new Section("SOC 2 Type II", List.of("Northwind's cloud service is audited every year against the "
                    + "SOC 2 Type II trust services criteria for security, availability and confidentiality by an "
                    + "independent audit firm. The report covers a twelve-month observation period and is available "
                    + "to customers and prospects under a non-disclosure agreement through our trust portal.",
                    "Between audits we publish a bridge letter confirming that the control environment has not "
                            + "changed materially. The teams and systems that run the service are also certified "
                            + "to ISO/IEC 27001.")),
            "encryption", new Section("Encryption", List.of("All customer data is encrypted in transit with TLS 1.2 "
                    + "or later and at rest with AES-256. Keys are held in a hardware-backed key management service "
                    + "and rotated every year.", "Enterprise customers can bring their own key and revoke it at any "
                    + "time, which makes their data unreadable to Northwind within minutes. Backups are encrypted "
                    + "with separate keys and kept in a second data centre in the same jurisdiction.")),
            "sso", new Section("Single sign-on and provisioning", List.of("Northwind supports single sign-on (SSO) "
                    + "through SAML 2.0 and OpenID Connect with any standard identity provider, including Okta, "
                    + "Microsoft Entra ID and Google Workspace.", "Users and groups are provisioned and removed "
                    + "automatically through SCIM 2.0, so a person who leaves the company loses access as soon as "
                    + "their directory account is disabled. Administrators can require SSO for every user and switch "
                    + "off password sign-in entirely.")),
            "access", new Section("Access control", List.of("Access inside the product follows least privilege. Roles "
                    + "and row-level policies decide who sees which records, and the same policies apply in "
                    + "dashboards, exports and the API.", "Northwind staff have no standing access to customer data. "
                    + "Support engineers receive time-limited access only after the customer approves a request, and "
                    + "every such session is logged and visible to the customer's administrators.")),
            "gdpr", new Section("GDPR", List.of("Northwind acts as a processor under the General Data Protection "
                    + "Regulation (GDPR) and signs a data processing agreement with every customer, including the "
                    + "European Commission's standard contractual clauses wherever data leaves the EEA.", "We support "
                    + "data subject requests with search, export and deletion tools, keep a record of processing "
                    + "activities, and notify customers of a personal data breach without undue delay and within 48 "
                    + "hours of confirming it.")),
            "residency", new Section("Data residency", List.of("Customers choose where their data lives when their "
                    + "workspace is created: the United States, the European Union (Frankfurt, with a Dublin backup) "
                    + "or Australia. Data, backups and logs that contain customer content stay in that region.",
                    "Support for EU customers is provided from within the EU, and our published list of "
                            + "subprocessors states where each one processes data and for what purpose.")),
            "testing", new Section("Testing and vulnerability management", List.of("An independent firm tests the "
                    + "application and infrastructure twice a year, and the summary report is shared with customers "
                    + "on request. We run a public bug bounty programme, scan dependencies on every build and patch "
                    + "critical vulnerabilities within 72 hours.")),
            "incident", new Section("Incident response", List.of("A documented incident response plan is rehearsed "
                    + "every quarter. Security events are monitored around the clock, and customers hear about "
                    + "incidents that affect their data through the status page and by email to their named security "
                    + "contacts.", "After every incident we publish a root cause analysis and the actions we are "
                    + "taking to prevent it from happening again.")));

    private DemoPapers() {
    }

    private static Doc paper(String title, String lead, Section intro, String... keys) {
        List<Section> sections = new ArrayList<>(List.of(intro));
        for (String key : keys) {
            sections.add(SECURITY.get(key));
        }
        return new Doc(title, lead, sections);
    }

    static Doc securityOverview() {
        return paper("Northwind security and compliance overview", "This whitepaper explains how Northwind Analytics "
                + "protects customer data, from SOC 2 Type II audited controls to encryption, single sign-on and "
                + "incident response.", new Section("Our approach", List.of("Security reviews should not slow a "
                + "good purchase down. This paper answers the questions technical evaluators ask most often, and "
                + "our trust portal holds the evidence behind each answer.", "Security is shared: we run and secure "
                + "the service, and customers decide who has access and how identities are managed."),
                rows("Area|What Northwind does|Evidence", "Audit|Annual SOC 2 Type II and ISO/IEC 27001|Reports in "
                        + "the trust portal", "Data protection|Encryption in transit and at rest|Architecture note",
                        "Identity|SSO, SCIM, least-privilege roles|Admin guide", "Resilience|Backups in a second "
                        + "data centre|Recovery test summary")),
                "soc2", "encryption", "access", "testing", "incident");
    }

    static Doc gdprPaper() {
        return paper("GDPR and data residency in the EU", "Northwind Analytics helps European customers meet their "
                + "GDPR obligations with EU data residency, a standard data processing agreement and tools for data "
                + "subject requests.", new Section("Who this is for", List.of("Data protection officers, legal "
                + "teams and technical evaluators in the EU and the UK will find here how Northwind handles personal "
                + "data, where it is stored and who can see it.", "Most customers hold little personal data in "
                + "Northwind: contact names in CRM records and the names of their own users. Even so, the GDPR "
                + "applies to every record, and we treat it that way."),
                rows("Subprocessor|Purpose|Location", "Hosting provider|Infrastructure|Frankfurt and Dublin",
                        "Email service|Notifications|EU", "Support desk|Support tickets|EU")),
                "gdpr", "residency", "encryption", "access", "incident");
    }

    static Doc identityPaper() {
        return paper("Identity, SSO and access control at Northwind", "Northwind Analytics connects to your identity "
                + "provider, so access to your data follows your own directory, with single sign-on, automatic "
                + "provisioning and least-privilege roles.", new Section("Why identity comes first", List.of("Most "
                + "data breaches begin with a stolen or forgotten account. Tying every Northwind account to your "
                + "directory means one place to grant access, one place to remove it and one audit trail.",
                "The roles below are the defaults; administrators can narrow them with row-level policies."),
                rows("Role|Can do", "Viewer|Read dashboards and reports shared with them", "Analyst|Build "
                        + "reports and forecasts on the governed model", "Modeller|Change definitions, with review "
                        + "and audit trail", "Administrator|Manage users, SSO, keys and policies")),
                "sso", "access", "encryption", "soc2");
    }

    static Doc bridgeLetter() {
        return paper("SOC 2 bridge letter", "This bridge letter covers the period between the end of Northwind "
                + "Analytics' last SOC 2 Type II observation period and the date of issue, and confirms that our "
                + "controls have not changed materially.", new Section("Purpose of this letter", List.of("Customers "
                + "and prospects rely on our SOC 2 Type II report to assess our controls. Because the report covers "
                + "a past period, this letter bridges the gap until the next report is issued.", "Management "
                + "confirms that, to the best of its knowledge, there have been no material changes to the system "
                + "or the controls described in the report, and no security incidents affecting customer data.",
                "This letter is valid for ninety days from issue. Request the current version from your account "
                        + "team or download it from the trust portal."), rows("Document|Covers|Status",
                        "SOC 2 Type II report|Twelve-month observation period|Issued by the independent auditor",
                        "This bridge letter|From the end of that period to the date of issue|Issued by management",
                        "Next SOC 2 Type II report|The following twelve months|Expected within the year")),
                "soc2", "incident", "testing");
    }

    static Doc connectorCatalogue() {
        return new Doc("Northwind Integrations connector catalogue", "Northwind Integrations ships more than 220 "
                + "prebuilt connectors; this one-pager lists the ones customers use most, grouped by the team that "
                + "owns the data.", List.of(
                        new Section("Most used connectors", List.of("Every connector below is maintained by "
                                + "Northwind, tested against each new release of the source system, and supported "
                                + "in every edition."), rows("Category|Connectors|Sync",
                                "CRM|Salesforce, HubSpot, Microsoft Dynamics 365, Pipedrive|Minutes",
                                "Marketing automation|Marketo, HubSpot Marketing, Pardot, Braze|Minutes",
                                "ERP and finance|NetSuite, SAP S/4HANA, Oracle Fusion, Sage Intacct|Hourly",
                                "Billing|Stripe, Zuora, Chargebee|Minutes",
                                "Support|Zendesk, ServiceNow, Intercom|Minutes",
                                "Data warehouses|Snowflake, BigQuery, Databricks, Amazon Redshift|Continuous")),
                        new Section("What every connector includes", List.of("A data model for the objects revenue "
                                + "teams use, so accounts, contacts, opportunities and invoices arrive ready to "
                                + "join.", "Change data capture where the source supports it, validation rules on "
                                + "key fields, and a quarantine for records that fail them.", "Monitoring, alerts "
                                + "and automatic retries, with an owner for every pipeline.")),
                        new Section("The marketing and sales loop", List.of("The most common first project connects "
                                + "marketing automation to the CRM, so every marketing qualified lead reaches sales "
                                + "with its full history and marketing sees what happened after the hand-off.",
                                "Customers such as Quantive Software use this loop to see which campaigns produce "
                                        + "customers who stay, not just leads.")),
                        new Section("Custom sources", List.of("For systems without a prebuilt connector, generic "
                                + "connectors read from REST APIs, databases over JDBC and files on SFTP or object "
                                + "storage. A software development kit lets partners publish their own connectors, "
                                + "which then get the same monitoring and validation as ours.")),
                        new Section("Secure by default", List.of("Connectors authenticate with OAuth or with service "
                                + "accounts scoped to the objects being synced; credentials are encrypted and never "
                                + "shown again after setup.", "Every sync is logged with the records read, written and "
                                + "quarantined, so an administrator can tell an auditor where a figure came from "
                                + "without opening a ticket."))));
    }

    private record Level(String name, String how, String accuracy, String text, String next) {
    }

    static Doc forecastMaturity() {
        List<Level> levels = List.of(
                new Level("Spreadsheet roll-up", "Managers submit numbers; an analyst consolidates them", "+/- 25%",
                        "At the first level the forecast is a sum of opinions. Each manager adjusts the team's numbers "
                                + "by instinct, an analyst consolidates them, and the result arrives a week into the "
                                + "month.", "Move the forecast into the CRM and agree stage definitions."),
                new Level("CRM pipeline", "Weighted pipeline from the CRM, adjusted by managers", "+/- 15%",
                        "At the second level the forecast comes from the CRM, each opportunity weighted by its stage. "
                                + "It is faster and more consistent, but it ignores renewals, churn, expansion and "
                                + "seasonality.", "Add historical win rates, churn and seasonality as drivers."),
                new Level("Driver-based model", "Pipeline, win rates, churn and seasonality as drivers", "+/- 8%",
                        "At the third level the forecast is a model of the business. Finance can change a driver and "
                                + "see the effect at once, and misses can be explained because every driver is "
                                + "visible.", "Refresh the model daily and share scenarios across teams."),
                new Level("Continuous planning", "Daily refresh; shared scenarios for finance, sales and operations",
                        "+/- 4%", "At the fourth level the forecast is never finished. Data refreshes every day, "
                                + "anomaly alerts flag drivers that move, and the monthly forecast meeting becomes a "
                                + "decision meeting.", "Keep the definitions governed as the business changes."));
        List<Section> sections = new ArrayList<>(List.of(new Section("Why forecasts miss", List.of("Forecasts "
                + "rarely miss because people are careless. They miss because the inputs are late, the definitions "
                + "differ between teams, and the method cannot explain itself, so nobody learns from the last miss.",
                "In our survey of 300 finance and revenue leaders, 61% said their forecast was built mainly in "
                        + "spreadsheets, and only 18% could explain their last quarter's miss within a week."))));
        List<List<String>> summary = new ArrayList<>(rows("Level|How the forecast is built|Typical accuracy"));
        for (int i = 0; i < levels.size(); i++) {
            Level level = levels.get(i);
            sections.add(new Section("Level " + (i + 1) + ": " + level.name(), List.of(level.text(), "Typical "
                    + "accuracy at quarter start: " + level.accuracy() + ". The next step: " + level.next())));
            summary.add(List.of((i + 1) + ". " + level.name(), level.how(), level.accuracy()));
        }
        sections.add(new Section("The four levels at a glance", List.of("Most companies sit at level one or two. "
                + "Each level builds on the one before; skipping a level rarely works, because the definitions and "
                + "data habits of the earlier level are what make the next one trustworthy."), summary));
        sections.add(new Section("How to move up a level", List.of("Start with definitions, not tools: agree what "
                + "counts as pipeline, bookings and churn, and write the definitions where both finance and sales "
                + "can read them.", "Then connect the sources the forecast depends on, so inputs arrive daily "
                + "instead of monthly, and let the model earn trust one quarter at a time by comparing it with the "
                + "current method.")));
        return new Doc("The forecast maturity model: from spreadsheets to continuous planning", "Most companies "
                + "still forecast revenue the way they did ten years ago; this whitepaper describes four levels of "
                + "forecast maturity and the practical steps from one to the next.", sections);
    }

    static Doc marketingAlignment() {
        return new Doc("Closing the gap between marketing and sales with shared revenue data", "When marketing and "
                + "sales share one definition of a marketing qualified lead and one view of the pipeline, fewer "
                + "leads are dropped at the hand-off and the forecast becomes something both teams stand behind.",
                List.of(new Section("The hand-off problem", List.of("Most leads that marketing passes to sales are "
                        + "never followed up. The reasons are familiar: sales does not trust the lead score, "
                        + "marketing cannot see what happened after the hand-off, and each team reports its own "
                        + "numbers from its own system.", "The result is a pipeline review where marketing "
                        + "celebrates lead volume, sales complains about lead quality, and nobody can say which "
                        + "campaigns produce revenue.", "What both teams need is simple to state: marketing wants to "
                        + "see, for every campaign, how many leads became opportunities and revenue; sales wants the "
                        + "full history of each lead and a way to send a lead back with a reason instead of ignoring "
                        + "it.")),
                        new Section("One definition, one pipeline", List.of("Northwind Platform holds the shared "
                                + "definitions: what counts as a marketing qualified lead, when sales accepts it, and "
                                + "when it becomes an opportunity. Both teams read the same glossary, and every "
                                + "report uses it.", "Northwind Integrations keeps marketing automation and the CRM "
                                + "in step within minutes, so a lead's history travels with it and every follow-up "
                                + "is visible to marketing.")),
                        new Section("What changes", List.of("Quantive Software raised its MQL to SQL conversion from "
                                + "11% to 19% within two quarters of connecting its marketing automation and CRM "
                                + "through Northwind, and now reports churn and expansion from the same data."),
                                rows("Measure|Typical before|Typical after", "MQLs followed up within 48 hours|35%|"
                                        + "85%", "MQL to SQL conversion|11%|19%", "Forecast accuracy at quarter "
                                        + "start|+/- 20%|+/- 7%")),
                        new Section("Where to start", List.of("Agree the funnel definitions in a one-hour workshop "
                                + "with marketing and sales leadership; we bring a template.", "Connect marketing "
                                + "automation and the CRM, and publish a shared funnel dashboard.", "Review it "
                                + "together every week for a quarter. The conversations change faster than the "
                                + "numbers do."))));
    }

    static Doc fastStartOffer() {
        return new Doc("Analytics Studio Fast Start offer", "Customers who sign an Analytics Studio subscription of 25 "
                + "users or more before the end of this quarter receive the six-week Fast Start onboarding package "
                + "at no charge, a saving of USD 12,000.", List.of(
                        new Section("What Fast Start includes", List.of("A named onboarding consultant for six weeks, "
                                + "working with your analysts two days a week.", "Your first three forecast or churn "
                                + "dashboards, built on your own data and reviewed with their business owners.",
                                "Administrator training for up to four people and introductory sessions for up to "
                                        + "100 users.", "A success review with your executive sponsor in week six, "
                                        + "with the return on investment measured against the goals agreed at the "
                                        + "start.")),
                        new Section("Who qualifies", List.of("New Analytics Studio subscriptions of at least 25 users "
                                + "with a term of one year or longer, for customers running Northwind Platform or "
                                + "buying it at the same time. The offer cannot be combined with other services "
                                + "discounts.", "Existing customers who add a new business unit of 25 users or more "
                                + "also qualify, which makes this a good moment to raise expansion with accounts you "
                                + "already manage.")),
                        new Section("The six weeks", List.of("Each week ends with a short demo to the project "
                                + "sponsor, so progress is visible and decisions are made on time."),
                                rows("Week|Focus", "1|Connect the governed model and confirm definitions", "2|Build "
                                        + "the first forecast with finance", "3|Churn and cohort dashboards", "4|"
                                        + "Alerts and embedding in the CRM", "5|Training for administrators and "
                                        + "users", "6|Success review and next steps")),
                        new Section("Talking about the offer", List.of("Lead with the outcome, not the discount: a "
                                + "working forecast in six weeks instead of a quarter.", "Use the deadline honestly. "
                                + "The offer ends with the quarter; do not extend it informally, and take exceptions "
                                + "to your regional director.")),
                        new Section("Terms", List.of("Orders must be signed before the last day of the current fiscal "
                                + "quarter, and services must start within 60 days of signature. Prices follow the "
                                + "current Analytics Studio pricing sheet."))));
    }

    static Doc businessReview() {
        return new Doc("Executive business review template", "Use this template for the quarterly business review "
                + "with a customer's executive sponsor: show the value delivered, surface churn risk early and agree "
                + "where to go next.", List.of(
                        new Section("Goals we agreed", List.of("Restate the two or three business goals from the "
                                + "original business case, in the customer's own words.", "Show the success "
                                + "measures agreed at the onboarding kickoff, with their values at the start.",
                                "Confirm the goals still match the sponsor's priorities this year; if they have "
                                        + "changed, say so first.")),
                        new Section("Value delivered", List.of("Show each success measure against its baseline and "
                                + "its target, and the return on investment achieved so far, measured the way the "
                                + "sponsor's finance team measures it."), rows("Measure|Baseline|Today|Target",
                                "Time to publish the monthly forecast|8 days|3 days|2 days",
                                "Reports on the governed model|0|46|60", "Weekly active users|40|185|250")),
                        new Section("Adoption and health", List.of("Share weekly active users by team, compared with "
                                + "the licences bought.", "Name the teams that are thriving and the ones that are "
                                + "not, and say why.", "Be candid about support cases and open issues; executives "
                                + "trust a review that shows problems too.")),
                        new Section("Churn risks and what we do about them", List.of("Low adoption in a team that "
                                + "was part of the business case is the strongest early churn signal; bring a plan, "
                                + "not just the number.", "A new sponsor or a reorganisation puts the renewal at "
                                + "risk; ask who else should attend the next review.", "Budget pressure is answered "
                                + "with evidence: the value delivered, in the sponsor's own terms.")),
                        new Section("Where to go next", List.of("Propose the next use case, sized and tied to one of "
                                + "the sponsor's goals.", "Show where Analytics Studio or Northwind Integrations "
                                + "would remove a known bottleneck, with a customer example from the same industry.",
                                "Offer a proof of value on the customer's own data rather than a generic demo.")),
                        new Section("Agreed actions", List.of("Close with three actions, each with an owner on both "
                                + "sides and a date.", "Send the summary within 24 hours and book the next review "
                                + "before you leave the room."))));
    }

    static Doc fiveSigns() {
        return new Doc("Five signs your revenue data has outgrown spreadsheets", "Spreadsheets are where good "
                + "analysis starts, but past a certain size they quietly cost more than they save; here are five "
                + "signs a company has reached that point.", List.of(
                        new Section("Every meeting starts with whose number is right", List.of("Sales, finance and "
                                + "marketing bring different revenue figures to the same meeting.", "The first half "
                                + "hour goes on reconciling instead of deciding.", "Ask yourself: how many "
                                + "definitions of revenue does your company use today?")),
                        new Section("The forecast depends on one person", List.of("One analyst knows how the "
                                + "forecast spreadsheet works, and nobody else dares to touch it.", "When that "
                                + "person is on holiday, the forecast waits.", "Every change of assumptions means "
                                + "an evening of copying formulas between tabs.")),
                        new Section("Churn is a surprise", List.of("Customer success hears that an account is "
                                + "unhappy when the cancellation arrives.", "Usage, support and billing data live in "
                                + "separate tools that nobody joins.", "By the time churn shows up in the monthly "
                                + "report, the renewal is already lost.")),
                        new Section("Audit questions take days", List.of("An auditor or a board member asks where a "
                                + "number came from, and the answer takes days.", "Copies of copies mean nobody can "
                                + "prove which version was used.", "Regulators and SOC 2 auditors increasingly "
                                + "expect lineage, not explanations.")),
                        new Section("Good leads go nowhere", List.of("Marketing hands over a marketing qualified "
                                + "lead, and nobody can see whether sales followed it up.", "Campaign results are "
                                + "reported in one system and revenue in another.", "Budgets are set by opinion, "
                                + "because nobody can connect spend to pipeline and pipeline to revenue.")),
                        new Section("What to do about it", List.of("If two or more of these signs sound familiar, "
                                + "the problem is not the people or the spreadsheets; it is the lack of one governed "
                                + "source for the numbers everyone uses.", "Start small: pick one measure everyone "
                                + "argues about, define it once, connect its sources and publish it where every team "
                                + "can see it.", "Then add the forecast, churn and funnel measures one at a time, "
                                + "retiring a spreadsheet each time."))));
    }

    static Doc kesslerGerman() {
        return new Doc("Kessler Maschinenbau senkt ungeplante Stillstände um 31 Prozent", "Kessler Maschinenbau, ein "
                + "familiengeführter Hersteller von Verpackungsmaschinen mit fünf Werken in Deutschland und "
                + "Österreich, hat mit der Northwind Platform ungeplante Stillstände um 31 Prozent gesenkt.", List.of(
                        new Section("Auf einen Blick", List.of("Branche: Fertigung. Region: DACH. Produkt: Northwind "
                                + "Platform. Produktiv nach 14 Wochen."), rows("Kennzahl|Vorher|Nachher",
                                "Ungeplante Stillstände pro Linie und Monat|42 Stunden|29 Stunden",
                                "Ausschussquote|3,8 %|2,6 %", "Vorbereitung der Produktionsbesprechung|2 Tage|"
                                        + "2 Stunden")),
                        new Section("Die Ausgangslage", List.of("Jedes Werk erfasste Maschinenstillstände in seinem "
                                + "eigenen MES mit eigenen Fehlercodes. Ein Vergleich zwischen den Werken war deshalb "
                                + "kaum möglich, und bewährte Verfahren aus dem besten Werk erreichten die anderen "
                                + "nicht.", "Für die wöchentliche Produktionsbesprechung exportierten die Werksleiter "
                                + "Daten aus ERP, MES und Instandhaltungssystem in Tabellen. Bis die Zahlen "
                                + "abgestimmt waren, waren sie bereits eine Woche alt.")),
                        new Section("Die Lösung", List.of("Kessler entschied sich nach einem achtwöchigen "
                                + "Auswahlverfahren für die Northwind Platform. Den Ausschlag gaben das einheitliche "
                                + "semantische Modell, in dem Begriffe wie Stillstand, Ausschuss und "
                                + "Gesamtanlageneffektivität einmal verbindlich definiert werden, sowie die lückenlose "
                                + "Nachverfolgbarkeit jeder Kennzahl bis zum Quelldatensatz.", "Auch die IT-Sicherheit "
                                + "war schnell überzeugt: Der SOC-2-Type-II-Bericht, die Datenhaltung in Frankfurt "
                                + "und die Anmeldung per Single Sign-on beantworteten den Fragenkatalog in wenigen "
                                + "Tagen. Der Vertrag zur Auftragsverarbeitung nach DSGVO war Teil des "
                                + "Standardvertrags.")),
                        new Section("Die Einführung", List.of("Ein Betriebsingenieur je Werk und ein zentraler Data "
                                + "Engineer brachten das Projekt in 14 Wochen in den Produktivbetrieb. Zuerst wurden "
                                + "die fünf MES-Installationen angebunden, danach einigten sich die Werke auf 28 "
                                + "gemeinsame Stillstandsgründe statt der bisher über 300 unterschiedlichen Codes.")),
                        new Section("Die Ergebnisse", List.of("Innerhalb von sechs Monaten sanken die ungeplanten "
                                + "Stillstände von 42 auf 29 Stunden pro Linie und Monat. Die Ausschussquote fiel von "
                                + "3,8 auf 2,6 Prozent, und die Vorbereitung der Produktionsbesprechung dauert heute "
                                + "zwei Stunden statt zwei Tagen.", "„Sobald alle Werke dieselbe Definition von "
                                + "Stillstand verwendeten, begannen sie, miteinander zu wetteifern. Das hat mehr "
                                + "bewirkt als jeder Projektplan“, sagt Stefan Kessler, Geschäftsführer.")),
                        new Section("Ausblick", List.of("Als Nächstes will Kessler die Linienleistung über einen "
                                + "geschützten externen Arbeitsbereich mit seinen größten Kunden teilen. Außerdem "
                                + "prüft das Unternehmen Analytics Studio, um den Ersatzteilbedarf auf Basis der "
                                + "Maschinendaten zu prognostizieren.")))).in("de");
    }

    static Doc platformGerman() {
        return new Doc("Northwind Platform im Überblick", "Die Northwind Platform ist die gemeinsame, kontrollierte "
                + "Datenbasis für Vertrieb, Finanzen und Betrieb: eine verbindliche Definition für jede Kennzahl.",
                List.of(new Section("Die Herausforderung", List.of("Zahlen liegen in einem Dutzend Systemen und "
                        + "hundert Tabellen, und jede Besprechung beginnt mit der Frage, wessen Zahl stimmt.",
                        "Analysten verbringen die Hälfte ihrer Zeit mit Abstimmung statt mit Analyse.", "Prüfer und "
                        + "Aufsichtsbehörden erwarten, dass jede Kennzahl bis zu ihrer Quelle nachvollziehbar ist.")),
                        new Section("Was die Plattform leistet", List.of("Ein kontrolliertes semantisches Modell: "
                                + "Umsatz, Marge und Pipeline werden einmal definiert und bedeuten überall dasselbe.",
                                "Rollenbasierte Zugriffsrechte mit Single Sign-on und automatischer "
                                        + "Benutzerverwaltung.", "Lückenlose Nachverfolgbarkeit jeder Zahl bis zum "
                                        + "Quelldatensatz, mit Protokoll jeder Änderung.", "Speicher und "
                                        + "Rechenleistung wachsen mit Ihren Daten, ohne eigenes Betriebsteam.")),
                        new Section("So funktioniert es", List.of("Sie verbinden Ihre Quellsysteme; Northwind "
                                + "analysiert die Daten und schlägt innerhalb eines Tages ein Modell vor.", "Ihre "
                                + "Analysten bestätigen die Definitionen der wichtigsten Kennzahlen in einem Glossar, "
                                + "das auch die Fachbereiche lesen können.", "Alle Berichte, Exporte und "
                                + "Schnittstellen greifen danach auf dasselbe Modell zu.")),
                        new Section("Sicherheit und Datenschutz", List.of("Datenhaltung in der EU: Rechenzentrum in "
                                + "Frankfurt, Sicherung in Dublin.", "Jährliche Prüfung nach SOC 2 Type II und "
                                + "Zertifizierung nach ISO/IEC 27001.", "Vertrag zur Auftragsverarbeitung nach DSGVO "
                                + "mit Standardvertragsklauseln als Teil jedes Vertrags.")),
                        new Section("Kundenstimmen", List.of("Kessler Maschinenbau senkte ungeplante Stillstände um "
                                + "31 Prozent, nachdem alle fünf Werke dieselbe Definition von Stillstand nutzten.",
                                "Alder & Finch Insurance stellt Schadendaten den Aktuaren heute nach sechs Stunden "
                                        + "statt nach drei Tagen bereit.")),
                        new Section("Warum jetzt", List.of("Prüfer, Aufsichtsbehörden und Vorstände verlangen "
                                + "aktuelle, abgestimmte Zahlen statt nachträglicher Monatsberichte.", "Jedes Quartal, "
                                + "in dem Zahlen von Hand abgestimmt werden, ist ein Quartal, in dem Chancen und "
                                + "Risiken zu spät erkannt werden.", "Wer heute eine gemeinsame Datenbasis schafft, "
                                + "kann später Analytics Studio und Northwind Integrations ohne neues Projekt "
                                + "ergänzen.")),
                        new Section("Nächste Schritte", List.of("Erstgespräch: 45 Minuten zu Ihren Zielen, Systemen "
                                + "und den Entscheidungen, die heute auf Daten warten.", "Machbarkeitsnachweis: zwei "
                                + "Wochen mit Ihren eigenen Daten und vorab vereinbarten Erfolgskriterien.",
                                "Business Case: ein Modell zu Kosten und Nutzen, gemeinsam mit Ihrem Controlling "
                                        + "erstellt.")))).in("de");
    }

    static Doc retailFrench() {
        return new Doc("Northwind Analytics Studio pour la distribution", "Northwind Analytics Studio aide les "
                + "enseignes de distribution à prévoir la demande magasin par magasin et à réduire à la fois les "
                + "ruptures et les démarques.", List.of(
                        new Section("Le défi", List.of("Les prévisions de ventes sont souvent construites dans des "
                                + "tableurs, catégorie par catégorie. Pendant les semaines de forte activité, elles "
                                + "se trompent d'un tiers : certains magasins sont en rupture tandis que d'autres "
                                + "soldent leurs stocks.", "Les clients passent du magasin au site web au cours d'un "
                                + "même achat, et la prévision doit les suivre.")),
                        new Section("La solution", List.of("Analytics Studio construit des modèles de prévision à "
                                + "partir des ventes en caisse, du commerce en ligne, des promotions et de la météo. "
                                + "Les équipes de planification ajustent elles-mêmes les hypothèses, sans écrire de "
                                + "code, et chaque scénario est enregistré et comparable.", "Des alertes signalent "
                                + "les écarts dès qu'ils apparaissent, et les tableaux de bord s'intègrent aux outils "
                                + "que les équipes utilisent déjà.")),
                        new Section("Résultats clients", List.of("Bluebird Outfitters, une enseigne de vêtements de "
                                + "plein air de 210 magasins, a porté la précision de ses prévisions de 71 % à 89 % "
                                + "en douze semaines."), rows("Indicateur|Avant|Après", "Précision des prévisions par "
                                + "magasin et par semaine|71 %|89 %", "Démarques de fin de saison|14 % du chiffre "
                                + "d'affaires|9 % du chiffre d'affaires", "Ruptures en période de pointe|8,2 %|3,5 %")),
                        new Section("Sécurité et conformité", List.of("Les données des clients européens sont "
                                + "hébergées dans l'Union européenne, à Francfort, avec une sauvegarde à Dublin. "
                                + "Northwind signe avec chaque client un accord de traitement des données conforme au "
                                + "RGPD, et son service est audité chaque année selon la norme SOC 2 Type II.")),
                        new Section("Pour commencer", List.of("Nous proposons un atelier de découverte de 45 minutes, "
                                + "puis une preuve de valeur de deux semaines sur vos propres données, avec des "
                                + "critères de réussite définis à l'avance. Votre interlocuteur commercial peut "
                                + "aussi préparer avec votre direction financière une estimation du retour sur "
                                + "investissement.")))).in("fr");
    }
}
