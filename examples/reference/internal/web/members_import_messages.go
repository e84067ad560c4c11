package web

import (
	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
)

// The French texts of the members' import page.
func init() {
	avenir.SetMessages(language.French, map[string]string{
		"Import members": "Importer des adhérents",
		"A CSV file with a header line, as a spreadsheet saves it: the columns are recognised by their French or English names (email, nom, prénom, code postal, téléphone, cotisation…), the separator and the encoding are detected. Imported people receive no mail.": "Un fichier CSV avec une ligne d’en-tête, tel qu’un tableur l’enregistre : les colonnes sont reconnues à leur nom en français ou en anglais (email, nom, prénom, code postal, téléphone, cotisation…), le séparateur et l’encodage sont détectés. Les personnes importées ne reçoivent aucun courriel.",
		"Check of the file: nothing was written": "Vérification du fichier : rien n’a été enregistré",
		"Import done":                            "Import terminé",
		"Lines read":                             "Lignes lues",
		"Valid lines":                            "Lignes valides",
		"Members a real import would create":     "Adhérents qu’un import réel créerait",
		"Members created":                        "Adhérents créés",
		"Encoding":                               "Encodage",
		"Separator":                              "Séparateur",
		"Columns used":                           "Colonnes utilisées",
		"Columns ignored":                        "Colonnes ignorées",
		"Errors":                                 "Erreurs",
		"Line":                                   "Ligne",
		"Field":                                  "Champ",
		"Error":                                  "Erreur",
		"CSV file":                               "Fichier CSV",
		"Check only: report what an import would do, write nothing":                                             "Vérifier seulement : dire ce qu’un import ferait, sans rien enregistrer",
		"Import the valid lines even if others are wrong (otherwise nothing is imported while a line is wrong)": "Importer les lignes valides même si d’autres sont fausses (sinon rien n’est importé tant qu’une ligne est fausse)",
		"Send the file":                  "Envoyer le fichier",
		"Choose the CSV file to import.": "Choisissez le fichier CSV à importer.",
	})
}
