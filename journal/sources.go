package journal

// SourceTitle returns the title of the article a catalog source file holds,
// so people see "Exercises to Relieve Upper Back Pain" rather than a hashed
// file name; for an unknown file it returns the file name.
func SourceTitle(file string) string {
	switch file {
	case SourceYogaPoses:
		return "Best Exercises & Yoga Poses for Back Pain Relief"
	case SourceThreeTypes:
		return "Back Pain Exercises: Effective Ways To Relieve Back Pain"
	case SourceCoreRelief:
		return "Basic Stretches to Relieve Back Pain"
	case SourceByNeed:
		return "Exercises to Relieve Upper Back Pain"
	case SourceFiveStretch:
		return "Exercises and Stretches to Relieve Back Pain"
	}
	return file
}
