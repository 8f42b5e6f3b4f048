package i18n

// Messages is every string of the user interface. A field whose comment names
// arguments is a format for Catalog.Sprintf; a Plural is for Catalog.Count.
// Every catalog must fill every field (TestCatalogsComplete).
type Messages struct {
	// Native is the language's name in itself, for the language switch.
	Native string

	// Layout.
	SiteName      string
	SkipLink      string
	LanguageNav   string
	BreadcrumbNav string
	Home          string
	Footer        string

	// Home page.
	HomeTitle  string
	HomeIntro  string
	NoCharters string
	Versions   Plural // number of versions of a charter

	// Charter page.
	VersionsHeading string
	ColVersion      string
	ColStatus       string
	ColParent       string
	ColHash         string
	ColLanguages    string
	ColDate         string
	None            string
	StatusDraft     string
	StatusPublished string
	CompareLatest   string

	// Version page.
	VersionHeading string // before a version label: "Version"
	Contents       string
	Preamble       string
	Hash           string
	Status         string
	Parent         string
	Languages      string
	Created        string
	Published      string
	Size           string
	Sections       Plural
	Articles       Plural
	Paragraphs     Plural
	Points         Plural
	Notes          Plural
	TextLanguage   string
	TextHashes     string
	CompareParent  string // link to the comparison with the parent version

	// Unit labels; each takes the unit's number (%s).
	SectionLabel       string
	ArticleLabel       string
	ParagraphLabel     string
	UnnumberedLabel    string // the K-th unnumbered paragraph
	PointLabel         string
	NoteLabel          string
	LabelSeparator     string // between the parts of a label: "Article 5, paragraph 2"
	NoteMarker         string // printed before a note's text
	ArticleUnavailable string // an article missing from the text in the chosen language

	// Article page.
	PrevArticle    string
	NextArticle    string
	ArticleNav     string
	EditorialNotes string
	EditorialIntro string
	BackToContents string

	// Comparison and comparative table.
	CompareTitle     string
	CompareIntro     string
	FromVersion      string
	ToVersion        string
	CompareButton    string
	ViewNav          string
	ViewRedline      string
	ViewSideBySide   string
	Changes          Plural
	NoChanges        string
	NeedTwoVersions  string
	ChangeChanged    string
	ChangeAdded      string
	ChangeRemoved    string
	ChangeRenumbered string
	Formerly         string // "formerly %s", for a renumbered unit's old label
	Deleted          string // screen-reader text before deleted words
	Inserted         string // screen-reader text before inserted words
	DeletedEnd       string // screen-reader text after deleted words
	InsertedEnd      string // screen-reader text after inserted words
	ColUnit          string
	CurrentWording   string
	NewWording       string
	TableTitle       string
	TableCaption     string // %s: from label, %s: to label
	TableLink        string
	CompareLink      string
	PrintHint        string

	// Errors.
	ErrNotFound    string
	ErrInvalid     string
	ErrConflict    string
	ErrForbidden   string
	ErrTooLarge    string
	ErrRateLimit   string
	ErrInternal    string
	ErrInternalMsg string
	ErrBack        string

	// Public log.
	LogNav           string // link in the footer to the public log
	LogTitle         string
	LogIntro         string
	LogCheckpoint    string
	LogNoCheckpoint  string
	LogOrigin        string
	LogTreeSize      string
	LogRootHash      string
	LogRecent        string
	LogNoRecords     string
	LogColIndex      string
	LogColKind       string
	LogColTime       string
	LogColSubject    string
	LogLookup        string
	LogLookupLabel   string
	LogLookupButton  string
	LogRecordHeading string // takes the record's number (%s)
	LogLeafHash      string
	LogProof         string // takes the tree size (%s)
	LogPending       string
	LogAudit         string
	LogAuditIntro    string
	LogKey           string
	LogReceipt       string // takes a record's number (%s)

	// Accounts.
	SignIn            string
	SignOut           string
	Register          string
	MyAccount         string
	AccountNav        string
	RegisterTitle     string
	RegisterIntro     string
	FieldName         string
	FieldIIN          string
	FieldIINHint      string
	FieldRegion       string
	ChooseRegion      string
	FieldEmail        string
	FieldPassword     string
	FieldPasswordHint string
	RegisterButton    string
	HaveAccount       string
	NoAccount         string
	LoginTitle        string
	AccountTitle      string
	Roles             string
	Verification      string
	Notices           string
	NoNotices         string
	MyProposals       string
	NoProposalsYet    string
	ChangePassword    string
	CurrentPassword   string
	NewPassword       string
	PasswordChanged   string
	ErrorSummary      string
	SignInToPropose   string
	SignInToTakePart  string

	// Consultations.
	ConsultationsTitle      string
	NoConsultations         string
	ConsultationTitle       string
	ConsultationWord        string
	ArticleConsultation     string
	Dates                   string
	Open                    string
	Closed                  string
	CountTotal              string
	CountShown              string
	CountHidden             string
	CountsExplained         string
	AllProposals            string
	ProposeOnText           string
	ProposeWhole            string
	ProposalsTitle          string
	ProposalsCount          Plural
	Propose                 string
	ProposeArticle          string // the margin link of a whole article
	All                     string
	FilterKind              string
	FilterLang              string
	SortBy                  string
	SortNewest              string
	SortSupported           string
	ApplyFilters            string
	ShowingOf               string
	NoProposals             string
	Pages                   string
	PrevPage                string
	NextPage                string
	KindAmend               string
	KindInsertAfter         string
	KindDelete              string
	KindComment             string
	PStatusSubmitted        string
	PStatusUnderReview      string
	PStatusMerged           string
	PStatusAccepted         string
	PStatusPartial          string
	PStatusRejected         string
	PStatusHidden           string
	WholeVersion            string
	ProposeTitle            string
	SeeInContext            string
	ProposalKind            string
	ProposalKindHint        string
	ProposalText            string
	ProposalTextHint        string
	Rationale               string
	RationaleHint           string
	SubmitProposal          string
	ReceiptTitle            string
	ReceiptIntro            string
	ProposalTitle           string
	CommentTitle            string
	ColID                   string
	ColKindUnit             string
	LogIndex                string
	Submitted               string
	Commitment              string
	Receipt                 string
	ProposedChanges         string
	CheckReceipt            string
	CheckReceiptIntro       string
	ViewProposal            string
	Author                  string
	HiddenHeading           string
	HiddenIntro             string
	ModerationHistory       string
	HiddenByModerator       string
	RestoredByModerator     string
	UpheldByModerator       string
	ReviewRequestedByAuthor string
	Supports                string
	YouSupport              string
	GiveSupport             string
	WithdrawSupport         string
	CommentsHeading         string
	NoComments              string
	AddComment              string
	Stance                  string
	StanceFor               string
	StanceAgainst           string
	StanceNeutral           string
	CommentText             string
	SendComment             string
	Reply                   string
	CommentHidden           string
	ReportProposal          string
	ReportComment           string
	ReportNote              string
	SendReport              string
	ReportThanks            string
	ReviewNote              string
	AskReview               string

	// The secretariat's workbench, the consolidated table and the fate of a proposal.
	WorkbenchTitle      string
	WorkbenchIntro      string
	WorkbenchLink       string
	ClusterUnitsHeading string
	AllUnits            string
	WholeArticle        string // the article's label (%s)
	ColClusters         string
	ColProposals        string
	ColDecided          string
	ColCampaigns        string
	ClustersOf          string // the unit or article (%s)
	SortBySize          string
	SortBySupports      string
	ColCluster          string
	ColRepresentative   string
	ColDecision         string
	NoClusters          string
	CampaignTag         string
	CampaignCount       Plural
	CampaignExplained   string
	ClusterTitle        string // the cluster's number (%s)
	ClusterAllHidden    string
	ClusterMerged       string // the cluster it was merged into (%s)
	ClusterSize         string
	ClusterVisible      string
	SupportsSum         string
	WorkingGroup        string
	Amendment           string
	LastRecord          string
	ByRegion            string
	ByLanguage          string
	ArrivalsByDay       string
	ColDay              string
	ChartLabel          string // first day (%s), last day (%s), the proposals (%s), the most in one day (%s)
	MembersHeading      string
	TextWithheld        string
	ActionsHeading      string
	MergeHeading        string
	MergeFrom           string
	MergeHint           string
	MergeButton         string
	SplitHeading        string
	SplitHint           string
	SplitChoose         string // the proposal's number (%s)
	SplitButton         string
	MoveHeading         string
	MoveProposal        string
	MoveTo              string
	MoveButton          string
	GroupHeading        string
	GroupName           string
	GroupHint           string
	GroupButton         string
	DecideHeading       string
	DecisionField       string
	ReasonField         string
	ReasonHint          string
	DecideButton        string
	AmendmentHeading    string
	AmendmentField      string
	AmendmentHint       string
	AmendmentButton     string
	ActionDone          string // the log record's number (%s)
	SplitDone           string // the new cluster's number (%s)
	DecisionAccepted    string
	DecisionPartly      string
	DecisionRejected    string
	DecisionOutOfScope  string
	NoDecisionYet       string
	PublishHeading      string
	PublishHint         string
	PublishButton       string
	ConsolidatedTitle   string
	ConsolidatedIntro   string
	ConsolidatedLive    string
	ConsolidatedLink    string
	PublishedTableTitle string // the table's number (%s)
	PublishedTables     string
	NoPublishedTables   string
	PublishedAt         string
	ColProposedWordings string
	ColDecisionReason   string
	RowSummary          string // proposals (%s), clusters (%s), decided (%s)
	Downloads           string
	NoRows              string
	FateHeading         string
	FateCluster         string
	ClusterOf           string // the cluster's number (%s)
	NotClustered        string
	SimilarProposals    string
	SimilarHint         string // on the proposal form, above proposals like the one being written
	ColFate             string

	// Moderation.
	ModerationTitle   string
	ModerationIntro   string
	QueueEmpty        string
	Reports           string
	HideReason        string
	ChooseReason      string
	ModeratorNote     string
	ModeratorNoteHint string
	Hide              string
	ReviewDecision    string
	Uphold            string
	Restore           string
	Decide            string
	DecisionRecorded  string

	// Search.
	SearchTitle  string
	SearchLabel  string
	SearchButton string
	SearchFound  string
}
