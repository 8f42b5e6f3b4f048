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
}
