package dev.baton.webapp.demo;

import dev.baton.webapp.demo.DemoFiles.Doc;
import dev.baton.webapp.demo.DemoFiles.Section;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The demo library's copy: data tables about the fictional vendor Northwind Analytics (its products, the industries
 * it sells to, its customers and competitors) and templates that compose them into case studies, battlecards,
 * pricing sheets, ROI guides, security papers, onboarding guides and solution decks.
 */
final class DemoCopy {

    record Product(String key, String name, String promise, String problem, List<String> capabilities,
            List<String> how, List<String> plan, String successMeasure, String unit, List<Integer> prices) {
    }

    record Industry(String key, String label, String buyers, String systems, String rules, String pain,
            String trend) {
    }

    /** A customer story; each result row is measure, before, after. */
    record Customer(String name, String profile, Industry industry, Product product, String region, String topic,
            String headline, String challenge, List<List<String>> results, int weeks, String team, int roi,
            String quote, String quoteBy, String next) {
    }

    record Competitor(String name, Product product, String profile, int share, String theyWin, List<String> weWin,
            List<List<String>> comparison, List<String> landmines, String objection, String answer,
            String pricing) {
    }

    /** The inputs of a return on investment model; money in US dollars a year. */
    record RoiCase(String topic, Industry industry, Product product, String who, int people, int hoursSaved,
            int hourlyCost, String otherBenefit, int otherValue, int subscription, int services) {
    }

    static final Map<String, String> REGIONS = Map.of("global", "Global", "north-america", "North America",
            "emea", "Europe, Middle East and Africa", "apac", "Asia Pacific", "latam", "Latin America");

    static final Product PLATFORM = new Product("platform", "Northwind Platform",
            "one governed home for the revenue, finance and operations data the business runs on",
            "Most companies keep their numbers in a dozen systems and a hundred spreadsheets, so every meeting "
                    + "starts with an argument about whose figure is right.",
            List.of("A governed semantic layer: revenue, margin and pipeline are defined once and mean the same "
                    + "thing in every report.",
                    "Role-based access control with single sign-on (SSO) and automatic user provisioning.",
                    "Lineage from every figure back to its source record, with an audit trail of every change to a "
                            + "definition.",
                    "Storage and compute that scale with your data without a team to tune them."),
            List.of("Connect your sources; Northwind profiles the data and proposes a model within a day.",
                    "Your analysts confirm the definitions of the core measures in a glossary business users can "
                            + "read.",
                    "Every dashboard, export and API call then draws on the same governed model."),
            List.of("Connect the first three sources and confirm the core definitions",
                    "Build the governed model for the first team",
                    "Move the ten most used reports onto the model and retire their spreadsheets",
                    "Review the success measures and plan the next team"),
            "the number of management reports built from the governed model", "user", List.of(540, 960, 1560));

    static final Product ANALYTICS = new Product("analytics", "Northwind Analytics Studio",
            "self-service reporting, forecasting and churn analysis on top of governed data",
            "Analysts spend most of their week rebuilding the same reports, and the forecast arrives too late to "
                    + "change the quarter.",
            List.of("Driver-based forecast models that finance and sales leaders adjust themselves, with every "
                    + "scenario saved and comparable.",
                    "Churn and cohort analysis for recurring revenue, with early-warning scores for accounts at "
                            + "risk.",
                    "Anomaly alerts that tell the owner of a metric when it moves outside its normal range.",
                    "Dashboards embedded in the tools people already use, from the CRM to the team chat."),
            List.of("Pick a template for finance, sales, operations or customer success; it fills itself from "
                    + "the governed model.",
                    "Adjust drivers and assumptions in plain language, and the forecast recalculates in seconds.",
                    "Publish to a dashboard, a scheduled email or the CRM record of the account concerned."),
            List.of("Connect Analytics Studio to the governed model and pick the first templates",
                    "Build the first forecast with the finance team and compare it with the current process",
                    "Roll out dashboards and alerts to the first 50 users",
                    "Review forecast accuracy and plan churn and cohort analysis"),
            "forecast accuracy and the time it takes to publish the monthly forecast", "user",
            List.of(420, 780, 1320));

    static final Product INTEGRATIONS = new Product("integrations", "Northwind Integrations",
            "more than 220 prebuilt connectors that keep the CRM, marketing automation, ERP and data tools in step",
            "Data moves between systems through fragile scripts and nightly exports that nobody owns, and each "
                    + "break costs someone a day.",
            List.of("More than 220 prebuilt connectors, including Salesforce, HubSpot, Marketo, NetSuite, SAP and "
                    + "Snowflake.",
                    "Change data capture, so updates arrive in minutes rather than in a nightly batch.",
                    "Field mapping with validation rules, so a bad record is quarantined instead of spreading.",
                    "Monitoring with alerts and automatic retries, owned in one place instead of in a dozen "
                            + "scripts."),
            List.of("Choose a connector, authorise it with the source system's own sign-in and pick the objects "
                    + "to sync.",
                    "Map fields once with suggestions drawn from similar customers; validation rules guard quality.",
                    "Watch every sync on one status page, with alerts routed to the owner of the pipeline."),
            List.of("Connect the CRM and marketing automation and agree the field mappings",
                    "Replace the three most fragile scripts with managed connectors",
                    "Add the ERP and the data warehouse, with validation rules on key objects",
                    "Hand monitoring to the business owners and retire the old jobs"),
            "the number of scripts replaced and the hours spent maintaining pipelines", "connector",
            List.of(2400, 4200, 6600));

    static final List<Product> PRODUCTS = List.of(PLATFORM, ANALYTICS, INTEGRATIONS);

    static final Industry FINANCE = new Industry("financial-services", "Financial services",
            "controllers and finance leaders", "a core banking system, two general ledgers and a CRM",
            "SOX controls and regulatory reporting deadlines",
            "Close cycles stretch over a week, and risk reports are assembled by hand from spreadsheets.",
            "Higher rates and operational resilience rules such as DORA mean boards want faster numbers with "
                    + "better evidence behind them.");
    static final Industry HEALTHCARE = new Industry("healthcare", "Healthcare", "operations and quality leaders",
            "an electronic health record, a scheduling system and a claims platform",
            "HIPAA and quality reporting obligations",
            "Quality and capacity reports take weeks to compile, so staffing and scheduling decisions are made on "
                    + "old data.",
            "Value-based care contracts pay for outcomes, and outcomes can only be managed when clinical, financial "
                    + "and operational data meet.");
    static final Industry MANUFACTURING = new Industry("manufacturing", "Manufacturing",
            "plant managers and operations planners", "an ERP, several MES installations and a maintenance system",
            "ISO 9001 audits and customer traceability requirements",
            "Downtime, scrap and inventory are tracked plant by plant in different ways, so nobody can compare "
                    + "them or learn from the best plant.",
            "Volatile demand and supply shortages reward manufacturers that can replan in days instead of months.");
    static final Industry RETAIL = new Industry("retail", "Retail", "merchandising and supply chain planners",
            "a point-of-sale system, an e-commerce platform and a warehouse system",
            "PCI DSS and consumer privacy rules",
            "Demand forecasts miss by a third in peak weeks, leaving stockouts in some stores and markdowns in "
                    + "others.",
            "Shoppers move between store and online in a single journey, and the forecast has to follow them.");
    static final Industry TECHNOLOGY = new Industry("technology", "Technology",
            "revenue operations and customer success leaders",
            "a CRM, a billing system, a product analytics tool and a support desk",
            "SOC 2 commitments to their own customers",
            "Nobody can say which accounts are about to churn until the renewal is already lost.",
            "Investors now reward efficient growth, so net revenue retention and churn matter as much as new "
                    + "bookings.");
    static final Industry PUBLIC = new Industry("public-sector", "Public sector",
            "department heads and budget officers",
            "a finance system, a case management system and dozens of departmental databases",
            "Freedom of information and public procurement rules",
            "Answering a council question or a records request means weeks of manual searching across "
                    + "departments.",
            "Residents expect digital services as good as their bank's, on budgets that grow slower than demand.");

    static final Customer HARBOR = new Customer("Harbor Trust Bank",
            "a regional bank with 140 branches and USD 18 billion in assets", FINANCE, ANALYTICS, "north-america",
            "month-end close", "cut month-end close from 9 to 4 days",
            "Harbor Trust Bank's finance team of 38 closed the books in nine working days, and the last three were "
                    + "spent reconciling the ledger with the loan system in spreadsheets.",
            rows("Month-end close|9 days|4 days", "Manual journal adjustments per month|1,150|310",
                    "Time to produce the board pack|6 days|1 day"),
            12, "four finance analysts and two engineers", 312,
            "We used to spend the first week of every month arguing about numbers. Now we spend it explaining them.",
            "Dana Whitfield, Chief Financial Officer",
            "The bank is extending the model to treasury and liquidity forecasting, so the asset and liability "
                    + "committee works from the same numbers as the close.");
    static final Customer ALDER = new Customer("Alder & Finch Insurance",
            "a specialty insurer writing marine and property lines in eleven countries", FINANCE, INTEGRATIONS,
            "emea", "claims data", "made claims data available to actuaries in 6 hours instead of 3 days",
            "Claims arrived from four regional systems in different formats, and the actuarial team waited three "
                    + "days for a reconciled weekly extract.",
            rows("Claims data latency|3 days|6 hours", "Failed nightly jobs per month|23|1",
                    "Engineering hours on pipelines per month|160|35"),
            10, "a data engineer and a business analyst", 245,
            "Our actuaries now price renewals on this week's claims, not last month's.",
            "Henrik Aalto, Head of Actuarial Data",
            "Alder & Finch is now connecting its broker portal, so quote and bind data sit next to claims.");
    static final Customer MERIDIAN = new Customer("Meridian Health Partners",
            "a network of nine hospitals and 60 outpatient clinics", HEALTHCARE, PLATFORM, "north-america",
            "quality reporting", "cut the time to produce quality reports from 15 days to 3",
            "Every month, eleven analysts pulled data from the electronic health record, the scheduling system and "
                    + "the claims platform to build quality and capacity reports by hand.",
            rows("Monthly quality report|15 days|3 days", "Analyst hours on manual extracts|1,200 a month|260 a month",
                    "Emergency department boarding time|5.1 hours|3.9 hours"),
            16, "six analysts, a clinical informatics lead and an IT security reviewer", 280,
            "For the first time, our clinical and finance leaders look at the same number and agree on what it "
                    + "means.",
            "Alicia Romero, Chief Operating Officer",
            "Meridian is adding Analytics Studio to forecast bed demand two weeks ahead.");
    static final Customer SUNRIDGE = new Customer("Sunridge Clinics",
            "a group of 34 primary care clinics in Brazil and Colombia", HEALTHCARE, ANALYTICS, "latam",
            "appointment no-shows", "reduced appointment no-shows from 18% to 11%",
            "One appointment in six was missed, and clinic managers had no way to see which patients were most "
                    + "likely to miss the next one.",
            rows("Appointment no-show rate|18%|11%", "Reminder calls per clinic per week|420|150",
                    "Patients seen per clinician per day|19|22"),
            8, "two analysts and the operations director", 190,
            "The no-show score told our teams exactly whom to call, and the calls started to work.",
            "Mariana Costa, Director of Operations",
            "Sunridge now uses the same models to forecast staffing needs for the flu season.");
    static final Customer KESSLER = new Customer("Kessler Maschinenbau",
            "a family-owned maker of packaging machinery with five plants in Germany and Austria", MANUFACTURING,
            PLATFORM, "emea", "unplanned downtime", "cut unplanned downtime by 31%",
            "Each plant recorded machine stops in its own MES with its own reason codes, so the company could not "
                    + "compare plants or learn from the best one.",
            rows("Unplanned downtime per line per month|42 hours|29 hours", "Scrap rate|3.8%|2.6%",
                    "Preparing the weekly operations review|2 days|2 hours"),
            14, "an operations engineer from each plant and one central data engineer", 340,
            "Once every plant used the same definition of downtime, the plants started to compete with each other, "
                    + "and that did more than any project plan.",
            "Stefan Kessler, Managing Director",
            "Kessler plans to share line performance with its largest customers through a governed external "
                    + "workspace.");
    static final Customer PACIFIC = new Customer("Pacific Rim Components",
            "an electronics contract manufacturer with 14 plants in Malaysia, Vietnam and Thailand", MANUFACTURING,
            INTEGRATIONS, "apac", "inventory write-offs",
            "cut inventory write-offs from USD 2.4 million to USD 1.5 million a year",
            "Purchasing worked from ERP data that was a day old, while the plants' MES systems showed a different "
                    + "picture of stock on hand.",
            rows("Annual inventory write-offs|USD 2.4 million|USD 1.5 million", "Plants connected|3|14",
                    "Time for stock data to reach purchasing|24 hours|15 minutes"),
            10, "an integration engineer and two supply chain analysts", 410,
            "Connecting fourteen plants took ten weeks. Our last attempt with custom scripts took a year and "
                    + "connected three.",
            "Lim Wei Ling, Vice President of Supply Chain",
            "Pacific Rim is connecting its top 40 suppliers, so purchase orders and confirmations flow without "
                    + "email.");
    static final Customer BLUEBIRD = new Customer("Bluebird Outfitters",
            "an outdoor apparel retailer with 210 stores and a fast-growing online shop", RETAIL, ANALYTICS,
            "north-america", "demand forecast", "raised demand forecast accuracy from 71% to 89%",
            "Forecasts were built in spreadsheets per category and missed badly in peak weeks, leaving stockouts in "
                    + "some regions and deep markdowns in others.",
            rows("Forecast accuracy by store and week|71%|89%", "End-of-season markdowns|14% of revenue|9% of revenue",
                    "Stockouts in peak weeks|8.2%|3.5%"),
            12, "three planners and an analytics engineer", 520,
            "The forecast stopped being a spreadsheet one person understood and became a plan the whole business "
                    + "trusts.",
            "Jordan Ellis, Vice President of Merchandise Planning",
            "Bluebird is extending the forecast to its wholesale channel and to store staffing.");
    static final Customer VERDE = new Customer("Verde Mercado", "a grocery chain with 95 stores in Mexico", RETAIL,
            INTEGRATIONS, "latam", "fresh-food waste", "cut fresh-food waste by 22% with same-day sales data",
            "Store orders were based on sales data that reached central planning two days late, so fresh products "
                    + "were ordered for demand that had already changed.",
            rows("Fresh-food waste|6.4% of sales|5.0% of sales", "Sales data latency|2 days|30 minutes",
                    "Out-of-stocks on the top 500 items|5.9%|3.1%"),
            9, "two integration engineers and a category manager", 365,
            "Our planners now see what sold this morning, and the orders they send to suppliers finally match it.",
            "Alejandro Ruiz, Chief Supply Chain Officer",
            "Verde Mercado is now connecting its loyalty programme to tailor promotions store by store.");
    static final Customer QUANTIVE = new Customer("Quantive Software",
            "a B2B software company selling HR tools to 4,000 mid-size customers", TECHNOLOGY, ANALYTICS, "apac",
            "customer churn", "reduced annual customer churn from 14% to 8%",
            "Customer success learned that an account was at risk only when the renewal notice arrived, and "
                    + "marketing could not tell which marketing qualified lead sources produced customers who stayed.",
            rows("Annual logo churn|14%|8%", "Net revenue retention|97%|112%", "MQL to SQL conversion|11%|19%"),
            6, "a revenue operations manager and a data analyst", 460,
            "We now see churn risk ninety days before a renewal, which is enough time to do something about it.",
            "Priya Nair, Chief Customer Officer",
            "Quantive is using the same health scores to route expansion opportunities to account managers.");
    static final Customer LAKEMONT = new Customer("City of Lakemont",
            "a city of 480,000 residents with 22 departments", PUBLIC, PLATFORM, "north-america", "records requests",
            "answered public records requests in 3 days instead of 11",
            "Records requests and council questions required clerks to search department databases one by one, and "
                    + "the backlog grew every month.",
            rows("Time to answer a records request|11 days|3 days", "Open requests at month end|640|95",
                    "Departments on a shared data model|2|22"),
            20, "a project lead from the clerk's office, two IT staff and a records officer", 210,
            "Residents notice when the city answers in days instead of weeks, and so does the council.",
            "Karen Oduya, City Clerk", "Lakemont is publishing a budget transparency portal from the same governed "
                    + "data.");

    static final List<Customer> CUSTOMERS = List.of(HARBOR, ALDER, MERIDIAN, SUNRIDGE, KESSLER, PACIFIC, BLUEBIRD,
            VERDE, QUANTIVE, LAKEMONT);

    static final List<Competitor> COMPETITORS = List.of(
            new Competitor("Stratus BI", ANALYTICS, "Stratus BI is a long-established business intelligence suite, "
                    + "usually installed on premises and owned by central IT.", 35,
                    "They win where IT owns the decision, where the buyer already licenses their database, and where "
                            + "printed, pixel-perfect reports matter more than self-service.",
                    List.of("Business users build and change forecasts themselves; Stratus needs an IT ticket for "
                            + "every new report.",
                            "Churn, cohort and forecast templates work on day one; in Stratus each is a services "
                                    + "project.",
                            "Our cloud service needs no servers, while a Stratus upgrade typically takes a quarter."),
                    rows("Self-service forecasting|Built in, driver-based|Add-on, built by IT",
                            "Time to first dashboard|Days|Months", "Deployment|Cloud service|On premises or hosted",
                            "Churn and cohort templates|Included|Services project"),
                    List.of("How long did your last reporting upgrade take, and who had to be involved?",
                            "When a sales leader wants a new forecast view, how many days does that take today?",
                            "What does it cost each year to run the servers and the team behind your reports?"),
                    "We already own Stratus licences, so adding another tool costs more.",
                    "Licences are the smallest part of the cost. Ask the buyer to add hardware, upgrades and the "
                            + "report backlog their IT team carries; our total cost of ownership model usually shows "
                            + "a saving of 30 to 40 percent over three years.",
                    "Stratus discounts heavily at the end of its fiscal year in January. Expect a counter-offer and "
                            + "anchor on three-year total cost of ownership instead of list price."),
            new Competitor("Ledgerline", ANALYTICS, "Ledgerline is a planning and budgeting tool popular with finance "
                    + "teams in mid-size banks and insurers.", 25,
                    "They win with finance teams that want budgeting workflows and approvals above all, and where the "
                            + "CFO used Ledgerline at a previous company.",
                    List.of("Ledgerline plans finance numbers only; we forecast from operational drivers such as "
                            + "pipeline, churn and headcount.",
                            "Our forecasts draw on the governed Platform model, so finance and sales use one set of "
                                    + "figures.",
                            "Anomaly alerts and churn analysis are included; Ledgerline offers neither."),
                    rows("Driver-based forecast|Operational and financial drivers|Financial drivers only",
                            "Single source of truth|Governed Platform model|Spreadsheet imports",
                            "Budget approvals|Standard workflows|Advanced workflows", "Churn analysis|Included|None"),
                    List.of("Where does the pipeline number in your forecast come from, and who reconciles it?",
                            "How do you explain a forecast miss to the board today?",
                            "How many spreadsheets feed your planning tool before each cycle?"),
                    "Ledgerline has better budgeting workflows.",
                    "Agree where it is true: their approval workflows are deep. Then ask how much of the budgeting "
                            + "effort goes into collecting and reconciling inputs; that is where we save the most "
                            + "time, and our standard workflows cover what most finance teams use.",
                    "Ledgerline prices per planner seat and charges for each additional model; buyers with many "
                            + "models find our per-user pricing simpler and cheaper."),
            new Competitor("Pipewell", INTEGRATIONS, "Pipewell is a general-purpose integration platform aimed at IT "
                    + "teams that build many kinds of integrations.", 30,
                    "They win when the buyer wants one tool for every integration in the company, including HR and "
                            + "IT workflows unrelated to revenue data.",
                    List.of("Our connectors come with revenue data models built in; in Pipewell each mapping is "
                            + "built by hand.",
                            "Validation rules quarantine bad records before they reach the CRM or the warehouse.",
                            "Monitoring is owned by the business team that depends on the data, not only by IT."),
                    rows("Connectors for revenue systems|220, with data models|400, without data models",
                            "Change data capture|Included|Premium tier", "Validation and quarantine|Included|"
                                    + "Custom code", "Typical time to first sync|Hours|Weeks"),
                    List.of("Who builds and maintains the field mappings today, and what happens when they leave?",
                            "How do you find out that a sync has been sending bad data to the CRM?",
                            "What does each new connector cost under your current pricing?"),
                    "Pipewell has twice as many connectors.",
                    "Most of those connectors are not revenue systems. Ask the buyer to list the ten systems they "
                            + "need this year; we cover them with ready data models, which is what saves weeks of "
                            + "mapping work.",
                    "Pipewell charges by task volume, which grows with the data, and customers often see bills double "
                            + "in the second year. Show the total cost of ownership at expected data growth."),
            new Competitor("Quanta Cloud", PLATFORM, "Quanta Cloud is the native data and analytics suite of a large "
                    + "cloud provider.", 40,
                    "They win when the buyer has committed cloud spend to use up and a large data engineering team "
                            + "that likes to build.",
                    List.of("A governed semantic layer business users understand; Quanta leaves modelling to "
                            + "engineers.", "Time to value in weeks, not the quarters a build project takes.",
                            "Runs on any major cloud, so the buyer keeps the freedom to move."),
                    rows("Governed semantic layer|Included, business-readable|Build it yourself",
                            "Time to first governed report|2 to 4 weeks|3 to 6 months",
                            "Cloud choice|Any major cloud|One cloud", "Pricing|Per user, predictable|Consumption, "
                                    + "variable"),
                    List.of("How many engineers will it take to build and maintain the model, and for how long?",
                            "Who defines revenue and margin, and where will business users read those definitions?",
                            "What happens to your data and models if you change cloud provider?"),
                    "We can use our committed cloud spend on Quanta, so it is effectively free.",
                    "Committed spend pays for compute, not for the engineers who build and maintain everything on "
                            + "top. Northwind runs on the buyer's cloud too, and most customers count our "
                            + "subscription against their cloud commitment through the marketplace listing.",
                    "Consumption pricing is hard to forecast; bring a total cost of ownership comparison that "
                            + "includes the engineering team needed on their side."));

    static final List<RoiCase> ROI_CASES = List.of(
            new RoiCase("finance automation", FINANCE, ANALYTICS, "finance analysts", 30, 4, 85,
                    "Lower audit and consulting fees", 120_000, 180_000, 40_000),
            new RoiCase("downtime reduction", MANUFACTURING, PLATFORM, "operations engineers", 25, 3, 70,
                    "Avoided downtime, 60 hours at USD 4,500 an hour", 270_000, 150_000, 60_000),
            new RoiCase("demand forecasting", RETAIL, ANALYTICS, "planners", 18, 5, 65,
                    "Lower markdowns, 1% of a USD 40 million category", 400_000, 120_000, 35_000),
            new RoiCase("integration maintenance", TECHNOLOGY, INTEGRATIONS, "data engineers", 6, 10, 95,
                    "Churn avoided, 0.5% of USD 30 million recurring revenue", 150_000, 60_000, 15_000));

    private DemoCopy() {
    }

    static List<List<String>> rows(String... rows) {
        List<List<String>> table = new ArrayList<>();
        for (String row : rows) {
            table.add(List.of(row.split("\\|")));
        }
        return table;
    }

    static String usd(long amount) {
        return String.format(Locale.US, "USD %,d", amount);
    }

    private static String lower(String label) {
        return label.toLowerCase(Locale.ROOT);
    }

    static Doc caseStudy(Customer c) {
        Industry industry = c.industry();
        List<List<String>> glance = new ArrayList<>(rows("Measure|Before Northwind|After Northwind"));
        glance.addAll(c.results());
        List<String> results = new ArrayList<>();
        results.add("Within six months of going live, " + c.name() + " " + c.headline() + ". The project team "
                + "agreed before the start which measures it would track, and measured each one the same way before "
                + "and after.");
        c.results().forEach(r -> results.add(r.get(0) + " went from " + r.get(1) + " to " + r.get(2) + "."));
        results.add("The finance team calculated a return on investment of " + c.roi() + "% over three years, "
                + "counting only time saved and costs avoided.");
        results.add("As " + c.quoteBy() + ", puts it: \"" + c.quote() + "\"");
        return new Doc("How " + c.name() + " " + c.headline(),
                c.name() + ", " + c.profile() + ", " + c.headline() + " with " + c.product().name() + ".",
                List.of(new Section("At a glance", List.of("Industry: " + industry.label() + ". Region: "
                        + REGIONS.get(c.region()) + ". Product: " + c.product().name() + ". Live in " + c.weeks()
                        + " weeks."), glance),
                        new Section("The challenge", List.of(c.challenge(), "Like many " + lower(industry.label())
                                + " organisations, " + c.name() + " ran on " + industry.systems() + ". Each system "
                                + "held part of the truth, so " + industry.buyers() + " spent the first days of every "
                                + "cycle reconciling exports instead of acting on them. " + industry.rules()
                                + " added a further demand: every figure that left the building had to be traceable "
                                + "to its source.",
                                "The leadership team wanted one set of numbers that everyone trusted, available when "
                                        + "decisions are made rather than weeks later, without adding headcount.")),
                        new Section("Why " + c.name() + " chose " + c.product().name(), List.of(c.name()
                                + " compared three vendors over eight weeks, including a build-it-yourself option on "
                                + "its cloud provider's tools. The evaluation team scored each on time to value, "
                                + "governance, security and total cost of ownership.",
                                "Two capabilities decided it. " + c.product().capabilities().get(0) + " "
                                        + c.product().capabilities().get(1),
                                "The security review was quick: Northwind's SOC 2 Type II report and its support "
                                        + "for single sign-on answered the IT team's questionnaire in under a week.")),
                        new Section("The rollout", List.of(c.name() + " went live in " + c.weeks() + " weeks with "
                                + c.team() + ". The project followed Northwind's onboarding plan: connect the first "
                                + "sources in the first two weeks, agree the definitions of the core measures with "
                                + "their business owners, then rebuild the most used reports and retire the "
                                + "spreadsheets behind them.",
                                "A weekly thirty-minute call with the Northwind onboarding manager kept decisions "
                                        + "moving, and a group of early users tested every milestone before it "
                                        + "reached the wider team.")),
                        new Section("The results", results),
                        new Section("What comes next", List.of(c.next(), "Northwind's customer success team meets "
                                + c.name() + "'s executive sponsor every quarter to review progress against the goals "
                                + "agreed at the start."))));
    }

    static Doc battlecard(Competitor rival) {
        Product p = rival.product();
        List<List<String>> comparison = new ArrayList<>(rows("Capability|" + p.name() + "|" + rival.name()));
        comparison.addAll(rival.comparison());
        List<String> landmines = new ArrayList<>(List.of("Ask these early in discovery, before the buyer has seen "
                + "a demo from either vendor:"));
        landmines.addAll(rival.landmines());
        return new Doc("Battlecard: " + p.name() + " vs " + rival.name(),
                "How to win against " + rival.name() + " in " + p.name() + " deals; for Northwind sales teams only, "
                        + "do not share with customers or partners.",
                List.of(new Section("Who they are", List.of(rival.profile(), "They appear in about "
                        + rival.share() + "% of competitive " + p.name() + " opportunities, most often late in the "
                        + "consideration stage, when the buyer's IT team adds them to the shortlist.")),
                        new Section("Where they win", List.of(rival.theyWin(), "Do not attack these strengths head "
                                + "on. Acknowledge them, then move the conversation to what the economic buyer cares "
                                + "about: time to value, trust in the numbers and total cost of ownership.")),
                        new Section("Where we win", rival.weWin(), comparison),
                        new Section("Landmine questions", landmines),
                        new Section("Handling the top objection", List.of("The buyer says: \"" + rival.objection()
                                + "\"", "Respond: " + rival.answer())),
                        new Section("Pricing and total cost of ownership", List.of(rival.pricing(), "Never discount "
                                + "to match their list price in the first proposal. Lead with a three-year total cost "
                                + "of ownership comparison and the return on investment guide for the buyer's "
                                + "industry, and take any discount above 15% to your regional director."))));
    }

    static Doc pricingSheet(Product p) {
        List<Integer> price = p.prices();
        List<List<String>> editions = rows("Edition|List price per " + p.unit() + " per year|Best for|Adds",
                "Starter|" + usd(price.get(0)) + "|Teams up to 25 " + p.unit() + "s|Core features, email support",
                "Growth|" + usd(price.get(1)) + "|Several teams|SSO, a sandbox, 99.9% uptime commitment",
                "Enterprise|" + usd(price.get(2)) + "|Company-wide use|Data residency choice, customer success "
                        + "manager, 99.95% uptime");
        long typical = 150L * price.get(1);
        return new Doc(p.name() + " pricing sheet", p.name() + " is sold as an annual subscription in three "
                + "editions, priced per " + p.unit() + ", with volume discounts from 100 " + p.unit() + "s.",
                List.of(new Section("Editions and list prices", List.of("All prices are annual list prices in US "
                        + "dollars per " + p.unit() + ", billed yearly in advance. Each edition includes everything "
                        + "in the one before it."), editions),
                        new Section("What every edition includes", List.of(p.capabilities().get(0) + " "
                                + p.capabilities().get(2), "Every edition runs on our SOC 2 Type II audited cloud "
                                + "service and includes onboarding, product training and access to the customer "
                                + "community.")),
                        new Section("Services and add-ons", List.of("One-time services are quoted separately from "
                                + "the subscription and can be bought at any time."),
                                rows("Service|Price|Notes", "Fast Start onboarding|USD 12,000 one-time|Six weeks, "
                                        + "fixed scope", "Premium support|20% of subscription|Around the clock, "
                                        + "one-hour response to severity 1", "Additional sandbox|USD 6,000 per year|"
                                        + "For testing and training", "EU data residency|Included in Enterprise|"
                                        + "Frankfurt with a Dublin backup")),
                        new Section("Volume and multi-year terms", List.of("Volume discounts are 10% from 100 "
                                + p.unit() + "s and 18% from 500. A three-year term fixes the price for the whole "
                                + "term and earns a further 8%. Non-profit and public sector organisations receive "
                                + "15% off list in every edition.")),
                        new Section("Total cost of ownership", List.of("Because " + p.name() + " is a managed cloud "
                                + "service, the subscription is most of the total cost of ownership: there are no "
                                + "servers, upgrades or database licences to buy. A typical Growth deployment of 150 "
                                + p.unit() + "s costs " + usd(typical) + " a year, plus about " + usd(typical / 10)
                                + " of one-time services in the first year.", "Our return on investment guides show "
                                + "how to set this against the savings in your industry; most customers recover the "
                                + "first year's cost within six months.")),
                        new Section("Terms", List.of("Prices in this sheet are valid for quotes issued before the "
                                + "expiry date shown in the library. Quotes are valid for 60 days. Taxes are not "
                                + "included. Prices in other currencies follow the published exchange rate table."))));
    }

    static Doc roiGuide(RoiCase r) {
        long labour = (long) r.people() * r.hoursSaved() * 46 * r.hourlyCost();
        long benefit = labour + r.otherValue();
        long cost = 3L * r.subscription() + r.services();
        long roi = Math.round((3.0 * benefit - cost) * 100 / cost);
        long halfRoi = Math.round((3.0 * (labour / 2 + r.otherValue()) - cost) * 100 / cost);
        double payback = (r.subscription() + r.services()) / (benefit / 12.0);
        String months = String.format(Locale.US, "%.1f", payback);
        Customer proof = CUSTOMERS.stream().filter(c -> c.industry() == r.industry()).findFirst().orElseThrow();
        List<List<String>> years = new ArrayList<>(rows("Year|Benefit|Cost|Net"));
        for (int year = 1; year <= 3; year++) {
            long yearCost = r.subscription() + (year == 1 ? r.services() : 0);
            years.add(List.of("Year " + year, usd(benefit), usd(yearCost), usd(benefit - yearCost)));
        }
        years.add(List.of("Total", usd(3 * benefit), usd(cost), usd(3 * benefit - cost)));
        return new Doc("ROI guide: " + r.topic() + " with " + r.product().name(),
                "This guide models the return on investment of " + r.product().name() + " for "
                        + lower(r.industry().label()) + " organisations: " + roi + "% over three years, with "
                        + "payback in " + months + " months.",
                List.of(new Section("Why measure return on investment", List.of("A return on investment model turns "
                        + "a promise into numbers the economic buyer can check. This guide sets out a conservative "
                        + "model based on results from customers such as " + proof.name() + ", which "
                        + proof.headline() + ".", "Every input is an assumption the buyer can replace with their "
                        + "own figure. The model is only as credible as the inputs the buyer agrees with.")),
                        new Section("Assumptions", List.of("The model counts two benefits: time saved by "
                                + r.who() + " and one measurable business effect. It ignores benefits that are "
                                + "real but hard to measure, such as faster decisions."),
                                rows("Input|Value|Source", "Number of " + r.who() + "|" + r.people() + "|Customer "
                                        + "interviews", "Hours saved per person per week|" + r.hoursSaved()
                                        + "|Median of comparable customers", "Fully loaded cost per hour|"
                                        + usd(r.hourlyCost()) + "|Buyer's finance team", "Working weeks per year|46|"
                                        + "Standard", r.otherBenefit() + "|" + usd(r.otherValue()) + "|Buyer's "
                                        + "own data", "Annual subscription|" + usd(r.subscription()) + "|Quote",
                                        "One-time services|" + usd(r.services()) + "|Quote")),
                        new Section("The three-year view", List.of("Over three years the benefits add up to "
                                + usd(3 * benefit) + " against a total cost of ownership of " + usd(cost) + ": a "
                                + "return on investment of " + roi + "%, with payback in " + months + " months."),
                                years),
                        new Section("Reading the result", List.of("The largest benefit is time: " + r.people() + " "
                                + r.who() + " each saving " + r.hoursSaved() + " hours a week is worth "
                                + usd(labour) + " a year.", "The result holds up under pressure. If the hours saved "
                                + "are halved, the return on investment is still " + halfRoi + "%. If the buyer "
                                + "doubts the business effect, remove it and show the time savings alone.",
                                "Compare the total cost of ownership with the alternative the buyer is really "
                                        + "considering, which is often to keep the current process and hire.")),
                        new Section("Running the model with your buyer", List.of("Build the model with the champion, "
                                + "not for them. Send the assumptions table before the meeting and ask the buyer's "
                                + "finance team to replace at least three inputs with their own figures.", "Agree in "
                                + "writing which inputs they accept. A model the buyer has edited is one they will "
                                + "defend in the budget meeting, and one the economic buyer will believe."))));
    }

    /** A product or industry story, used by decks, one-pagers and playbooks; quotes suit the written forms. */
    static Doc solution(String title, Product p, Industry industry, boolean quotes) {
        String audience = industry == null ? "your teams" : lower(industry.label()) + " teams";
        List<String> problem = industry == null
                ? List.of(p.problem(), "The cost shows up as late decisions, duplicated work and numbers that nobody "
                        + "fully trusts.", "Teams compensate with spreadsheets and late nights, which works until the "
                        + "business grows or an auditor asks how a number was made.")
                : List.of(industry.pain(), "Most " + industry.buyers() + " we meet work across " + industry.systems()
                        + ", and each holds part of the truth.", industry.rules() + " add a further demand: every "
                        + "figure must be traceable to its source.");
        List<Customer> proof = CUSTOMERS.stream().filter(c -> c.product() == p || c.industry() == industry)
                .sorted(Comparator.comparing(c -> c.industry() != industry)).limit(3).toList();
        List<String> stories = new ArrayList<>();
        List<List<String>> table = new ArrayList<>(rows("Customer|Measure|Before|After"));
        for (Customer c : proof) {
            stories.add(c.name() + ", " + c.profile() + ", " + c.headline() + " with " + c.product().name() + ".");
            if (quotes) {
                stories.add("\"" + c.quote() + "\" (" + c.quoteBy() + ", " + c.name() + ")");
            }
            table.add(List.of(c.name(), c.results().get(0).get(0), c.results().get(0).get(1),
                    c.results().get(0).get(2)));
        }
        String why = industry == null
                ? "Budgets are under pressure and boards expect decisions backed by evidence."
                : industry.trend();
        return new Doc(title, p.name() + " gives " + audience + " " + p.promise() + ".", List.of(
                new Section("The problem", problem),
                new Section("What " + p.name() + " does", p.capabilities()),
                new Section("How it works", p.how()),
                new Section("Customers who did it", stories, table),
                new Section("Why now", List.of(why, "Every quarter spent reconciling numbers by hand is a quarter "
                        + "in which the forecast, churn signals and margin opportunities are noticed too late.")),
                new Section("Next steps", List.of("Discovery: a 45-minute conversation about your goals, your "
                        + "systems and the decisions that data slows down today.", "Proof of value: two weeks on "
                        + "your own data, with success criteria agreed in advance.", "Business case: a return on "
                        + "investment and total cost of ownership model built with your finance team."))));
    }

    static Doc onboardingGuide(String title, Product p) {
        List<List<String>> plan = new ArrayList<>(rows("Weeks|Goal|Led by"));
        String[] weeks = {"1-2", "3-6", "7-10", "11-12"};
        String[] owners = {"Technical owner", "Project owner", "Project owner and champions", "Executive sponsor"};
        for (int i = 0; i < weeks.length; i++) {
            plan.add(List.of(weeks[i], p.plan().get(i), owners[i]));
        }
        return new Doc(title, "This guide takes a new " + p.name() + " customer from signature to a first "
                + "measurable success in twelve weeks, with a clear owner for every step.", List.of(
                        new Section("Before the kickoff", List.of("Name three people before the kickoff call: an "
                                + "executive sponsor who owns the outcome, a project owner who runs the weekly "
                                + "rhythm, and a technical owner who can connect systems and configure single "
                                + "sign-on.", "Agree one success measure that matters to the sponsor, such as "
                                + p.successMeasure() + ", and record its value today so progress can be shown.")),
                        new Section("The twelve-week plan", List.of("The plan below is the path most customers "
                                + "follow. Your onboarding manager adapts it in the kickoff call, but the order "
                                + "matters: connect, agree definitions, deliver value to one team, then expand."),
                                plan),
                        new Section("Roles and responsibilities", List.of("Your Northwind onboarding manager runs a "
                                + "thirty-minute status call every week, tracks the plan and removes blockers on our "
                                + "side.", "Your project owner makes decisions on scope and definitions within two "
                                + "working days, and your technical owner connects systems and manages access.")),
                        new Section("Training", List.of("Every user is invited to a 45-minute introduction and can "
                                + "follow short self-paced courses in the help centre.", "Administrators take a "
                                + "four-hour course covering roles, single sign-on, provisioning and monitoring, and "
                                + "champions join a monthly call with champions from other customers.")),
                        new Section("Measuring success", List.of("At the end of week twelve we hold a success review "
                                + "with your executive sponsor and compare the success measure with its value at "
                                + "the start.", "Customers that reach their first success measure within 90 days "
                                + "show less than half the churn of those that do not, which is why we track it so "
                                + "closely.")),
                        new Section("Getting help", List.of("The help centre and the customer community answer most "
                                + "questions within minutes. Support is available by email and chat in every "
                                + "edition, with a four-hour response to severity 1 issues, or one hour with premium "
                                + "support."))));
    }
}
