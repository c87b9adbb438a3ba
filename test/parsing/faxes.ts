/**
 * Fax texts written the way OCR gives them back (line breaks, column gaps, hyphenation), with
 * what the parser must read from each. Layouts differ on purpose: the parser must not depend
 * on any one of them.
 */
import type { ParsedOrder } from '../../src/domain/order.ts';

/** The ministry's cover text as OCR of a fax page returns it (hyphenation, line breaks). */
export const BANNER = `Cette télécopie a transité par un système de télécopie infonuagique (web fax) soutenu
par le ministère de la Santé et des Services sociaux (MSSS). Pour plus d'information,
visitez le site internet de Télésanté à l'adresse www.telesantequebec.ca.

IMPORTANT : Ne jamais répondre au numéro de télécopie unique apparaissant dans l'en-
tête.

AVIS DE CONFIDENTIALITÉ : Ce message peut renfermer des renseignements protégés ou
des informations confidentielles. S'il ne vous est pas destiné, veuillez en prévenir
immédiatement l'expéditeur et détruire cette télécopie.

21-210-184W`;

/** The same cover text after a poor fax transmission and OCR. */
export const BANNER_GARBLED = `Cette téIécopie a transite par un systeme de te1écopie infonuagique (web fax) soutenu
par le rninistère de la Santé et des Servlces sociaux (MSSS). Pour pIus d'information,
visitez le site lnternet de Télésanté à I'adresse www.telesantequebec.ca.
IMPORTANT ; Ne jarnais repondre au numero de telecopie unique apparaissant dans l'en-
tête.
AVIS DE CONFlDENTIALlTE : Ce rnessage peut renferrner des renseignernents protégés ou
des informations confidentieIles. S'il ne vous est pas destine, veuillez en prévenir
immediatement l'expéditeur et détruire cette té|écopie.
21-21O-184W`;

const ALL_BANNER = { transit: true, doNotReply: true, confidentiality: true, formCode: true };
const NO_BANNER = { transit: false, doNotReply: false, confidentiality: false, formCode: false };

export interface FaxCase {
  name: string;
  pages: string[];
  expected: ParsedOrder;
}

export const CASES: FaxCase[] = [
  {
    name: 'typed e-mail body, prose request',
    pages: [
      `25/11/2026 14:32        14184256508 Marie Tremblay                Page 1/1

${BANNER}

De : Dre Marie Tremblay <marie.tremblay.med@ssss.gouv.qc.ca>
Envoyé : 24 novembre 2026 09:12
À : Radiologie - Hôpital Saint-Luc
Objet : Demande d'examen

Bonjour,

Merci de faire une échographie abdominale à Mme Élodie Côté, née le 15 mars 1985
(NAM COTE 8553 1514), pour douleur au QSD depuis 3 semaines, R/O lithiase.

Dre Marie Tremblay
Tél. : 514 555-1234 poste 221
Permis : 1-23456
`,
    ],
    expected: {
      header: {
        serviceNumberInHeader: true,
        serviceNumberAnywhere: true,
        sender: { firstName: 'Marie', lastName: 'Tremblay' },
        pageCount: 1,
        banner: ALL_BANNER,
      },
      prescriber: { firstName: 'Marie', lastName: 'Tremblay', phone: '5145551234', permit: '1-23456' },
      patient: {
        firstName: 'Élodie',
        lastName: 'Côté',
        birthDate: '1985-03-15',
        nam: 'COTE85531514',
        namRaw: null,
        altId: null,
      },
      exam: 'échographie abdominale',
      clinicalInfo: 'douleur au QSD depuis 3 semaines, R/O lithiase',
      orderDate: '2026-11-24',
      recipients: ['Radiologie - Hôpital Saint-Luc'],
      isOrder: true,
      signed: false,
      repairs: [],
      provenance: {},
    },
  },
  {
    name: 'form with sections and labels on the same line',
    pages: [
      `2026-11-20 16:05  1 418 425-6508 Jean Gagnon   Page 1/1
${BANNER}

                 ORDONNANCE - IMAGERIE MÉDICALE
PRESCRIPTEUR
Nom : Gagnon                          Prénom : Jean
Tél. : (418) 555-0199                 Téléc. : (418) 555-0198
No de permis : 89123
USAGER
Nom : Lévesque-Tremblay               Prénom : Marie-Ève
Date de naissance : 1992/07/04        Sexe : F
NAM : LEVM 9257 0418
EXAMEN DEMANDÉ : TDM thoracique avec contraste
Renseignements cliniques : Toux persistante depuis 6 semaines,
perte de poids. Ex-fumeuse.
Date : 2026-11-20                     Signature : J. Gagnon
`,
    ],
    expected: {
      header: {
        serviceNumberInHeader: true,
        serviceNumberAnywhere: true,
        sender: { firstName: 'Jean', lastName: 'Gagnon' },
        pageCount: 1,
        banner: ALL_BANNER,
      },
      prescriber: { firstName: 'Jean', lastName: 'Gagnon', phone: '4185550199', permit: '89123' },
      patient: {
        firstName: 'Marie-Ève',
        lastName: 'Lévesque-Tremblay',
        birthDate: '1992-07-04',
        nam: 'LEVM92570418',
        namRaw: null,
        altId: null,
      },
      exam: 'TDM thoracique avec contraste',
      clinicalInfo: 'Toux persistante depuis 6 semaines, perte de poids. Ex-fumeuse',
      orderDate: '2026-11-20',
      recipients: [],
      isOrder: true,
      signed: true,
      repairs: [],
      provenance: {},
    },
  },
  {
    name: 'form with labels above values (ambiguous birth date read day first, even against the NAM)',
    pages: [
      `14184256508  Paul O'Neil   18/11/2026 10:41   p. 1 de 1
${BANNER}
USAGER
Nom de famille                Prénom                  Date de naissance
D'Amours                      Sébastien               04-11-1978

N° d'assurance maladie        Téléphone
DAMS 7804 1112                (819) 555-7788

MÉDECIN RÉFÉRENT
Nom                           Téléphone               Permis
Dr Paul O'Neil                819 555-2020            1-04567

Examen demandé
IRM du genou droit
Raison de l'examen
Déchirure méniscale suspectée. Blocage intermittent.
Date de la demande
18/11/2026
`,
    ],
    expected: {
      header: {
        serviceNumberInHeader: true,
        serviceNumberAnywhere: true,
        sender: { firstName: 'Paul', lastName: "O'Neil" },
        pageCount: 1,
        banner: ALL_BANNER,
      },
      prescriber: { firstName: 'Paul', lastName: "O'Neil", phone: '8195552020', permit: '1-04567' },
      patient: {
        firstName: 'Sébastien',
        lastName: "D'Amours",
        birthDate: '1978-11-04',
        nam: 'DAMS78041112',
        namRaw: null,
        altId: null,
      },
      exam: 'IRM du genou droit',
      clinicalInfo: 'Déchirure méniscale suspectée. Blocage intermittent',
      orderDate: '2026-11-18',
      recipients: [],
      isOrder: true,
      signed: false,
      repairs: [],
      provenance: {},
    },
  },
  {
    name: 'two-column table (patient | prescriber)',
    pages: [
      `29-11-2026 09:02 De: 418.425.6508 Nadia Bouchard                    1/2
${BANNER}
DEMANDE D'EXAMEN
PATIENT                                   PRESCRIPTEUR
Nom : ROY                                 Nom : Dre Nadia Bouchard
Prénom : Jean-François                    Tél : 450-555-3344
DDN : 1950-01-02                          Permis : 12345
NAM : ROYJ 5001 0211                      Téléc : 450-555-3345
Tél. : 450 555-0000

Examen : Radiographie colonne lombaire (face et profil)
Indication : lombalgie mécanique > 6 semaines
`,
      `29-11-2026 09:02 De: 418.425.6508 Nadia Bouchard                    2/2
Date : 28 novembre 2026
`,
    ],
    expected: {
      header: {
        serviceNumberInHeader: true,
        serviceNumberAnywhere: true,
        sender: { firstName: 'Nadia', lastName: 'Bouchard' },
        pageCount: 2,
        banner: ALL_BANNER,
      },
      prescriber: { firstName: 'Nadia', lastName: 'Bouchard', phone: '4505553344', permit: '12345' },
      patient: {
        firstName: 'Jean-François',
        lastName: 'ROY',
        birthDate: '1950-01-02',
        nam: 'ROYJ50010211',
        namRaw: null,
        altId: null,
      },
      exam: 'Radiographie colonne lombaire (face et profil)',
      clinicalInfo: 'lombalgie mécanique > 6 semaines',
      orderDate: '2026-11-28',
      recipients: [],
      isOrder: true,
      signed: false,
      repairs: [],
      provenance: {},
    },
  },
  {
    name: 'checkbox requisition with modality columns',
    pages: [
      `1-418-425-6508   Simon Bélanger         2026/11/21 11:15       Page 1/1
${BANNER}
DEMANDE D'EXAMEN EN IMAGERIE MÉDICALE
Usager : SAINT-PIERRE Luc            DDN : 1967-09-30
NAM : SAIL 6709 3015
Médecin : Dr Simon Bélanger   Tél. : 514.555.8080 p. 204   Permis : 78-123

RADIOGRAPHIE                ÉCHOGRAPHIE               TDM
[ ] Poumons                 [X] Abdominale            [ ] Tête
[ ] Abdomen                 [ ] Pelvienne             [ ] Thorax
☐ Colonne lombaire          ☐ Thyroïde                ☐ Abdomen

Renseignements cliniques : douleur FID, R/O appendicite
Date : 2026-11-21
`,
    ],
    expected: {
      header: {
        serviceNumberInHeader: true,
        serviceNumberAnywhere: true,
        sender: { firstName: 'Simon', lastName: 'Bélanger' },
        pageCount: 1,
        banner: ALL_BANNER,
      },
      prescriber: { firstName: 'Simon', lastName: 'Bélanger', phone: '5145558080', permit: '78-123' },
      patient: {
        firstName: 'Luc',
        lastName: 'SAINT-PIERRE',
        birthDate: '1967-09-30',
        nam: 'SAIL67093015',
        namRaw: null,
        altId: null,
      },
      exam: 'Échographie Abdominale',
      clinicalInfo: 'douleur FID, R/O appendicite',
      orderDate: '2026-11-21',
      recipients: [],
      isOrder: true,
      signed: false,
      repairs: [],
      provenance: {},
    },
  },
  {
    name: 'letter',
    pages: [
      `2026-12-01 10:05 (418) 425-6508 Hélène Morin Page 1 de 1
${BANNER}
Clinique médicale des Érables
123, rue Principale, Sherbrooke (Québec) J1H 1A1
Tél. : 819 555-1000     Téléc. : 819 555-1001

Sherbrooke, le 1er décembre 2026

Service de radiologie
CIUSSS de l'Estrie - CHUS

Objet : Mammographie de dépistage

Chère collègue,

Je vous prie de faire une mammographie bilatérale de dépistage à ma patiente,
Mme Ginette Lavoie, née le 3 février 1958 (NAM LAVG 5852 0315). Antécédents
familiaux de cancer du sein (mère, 52 ans).

Veuillez agréer, chère collègue, mes salutations distinguées.

Dre Hélène Morin, M.D.
Permis 1-98765
`,
    ],
    expected: {
      header: {
        serviceNumberInHeader: true,
        serviceNumberAnywhere: true,
        sender: { firstName: 'Hélène', lastName: 'Morin' },
        pageCount: 1,
        banner: ALL_BANNER,
      },
      prescriber: { firstName: 'Hélène', lastName: 'Morin', phone: '8195551000', permit: '1-98765' },
      patient: {
        firstName: 'Ginette',
        lastName: 'Lavoie',
        birthDate: '1958-02-03',
        nam: 'LAVG58520315',
        namRaw: null,
        altId: null,
      },
      exam: 'mammographie bilatérale de dépistage',
      clinicalInfo: 'Antécédents familiaux de cancer du sein (mère, 52 ans)',
      orderDate: '2026-12-01',
      // The letter's address block names one place, over two lines.
      recipients: ["Service de radiologie, CIUSSS de l'Estrie - CHUS"],
      isOrder: true,
      signed: false,
      repairs: [],
      provenance: {},
    },
  },
  {
    name: 'prescription pad',
    pages: [
      `14184256508 Karim Haddad     26/11/2026 15:47     P.1/1
${BANNER}
Dr Karim Haddad
Omnipraticien — Permis 1-12098
GMF Les Saules
2600, boul. Laurier, Québec G1V 4T3
Tél. 418 555-6060 / Téléc. 418 555-6061

Nom: Gagné, Sophie               Date: 2026-11-26
DDN: 2001-12-09
NAM: GAGS 0162 0914

Rx

Radiographie pulmonaire PA + latéral

Toux x 3 sem, fièvre. R/O pneumonie.

                                   _______________________
                                   Signature
`,
    ],
    expected: {
      header: {
        serviceNumberInHeader: true,
        serviceNumberAnywhere: true,
        sender: { firstName: 'Karim', lastName: 'Haddad' },
        pageCount: 1,
        banner: ALL_BANNER,
      },
      prescriber: { firstName: 'Karim', lastName: 'Haddad', phone: '4185556060', permit: '1-12098' },
      patient: {
        firstName: 'Sophie',
        lastName: 'Gagné',
        birthDate: '2001-12-09',
        nam: 'GAGS01620914',
        namRaw: null,
        altId: null,
      },
      exam: 'Radiographie pulmonaire PA + latéral',
      clinicalInfo: 'Toux x 3 sem, fièvre. R/O pneumonie',
      orderDate: '2026-11-26',
      recipients: [],
      isOrder: true,
      signed: false,
      repairs: [],
      provenance: {},
    },
  },
  {
    name: 'bilingual requisition',
    pages: [
      `27/11/2026 13:20   14184256508  Andrew McKenzie        Page 1/1
${BANNER}
REQUISITION - IMAGERIE MÉDICALE / MEDICAL IMAGING REQUISITION
Patient information / Renseignements sur le patient
Last name / Nom : O'Neil           First name / Prénom : Kathleen
Date of birth / Date de naissance : March 7, 1949
Health insurance number / NAM : ONEK 4953 0719
Address / Adresse : 45 Maple St., Gatineau QC J8Y 2B3
Exam requested / Examen demandé : CT scan abdomen/pelvis with contrast
Clinical information / Renseignements cliniques : RLQ pain, fever.
R/O diverticulitis.
Referring physician / Médecin référent : Dr. Andrew McKenzie
Phone / Téléphone : 819-555-4141 ext. 12        Fax / Téléc. : 819-555-4142
Licence / Permis : 2-11456
Date : 2026-11-27          Signature : A. McKenzie
`,
    ],
    expected: {
      header: {
        serviceNumberInHeader: true,
        serviceNumberAnywhere: true,
        sender: { firstName: 'Andrew', lastName: 'McKenzie' },
        pageCount: 1,
        banner: ALL_BANNER,
      },
      prescriber: { firstName: 'Andrew', lastName: 'McKenzie', phone: '8195554141', permit: '2-11456' },
      patient: {
        firstName: 'Kathleen',
        lastName: "O'Neil",
        birthDate: '1949-03-07',
        nam: 'ONEK49530719',
        namRaw: null,
        altId: null,
      },
      exam: 'CT scan abdomen/pelvis with contrast',
      clinicalInfo: 'RLQ pain, fever. R/O diverticulitis',
      orderDate: '2026-11-27',
      recipients: [],
      isOrder: true,
      signed: true,
      repairs: [],
      provenance: {},
    },
  },
  {
    name: 'cover page, order on page 2',
    pages: [
      `2026-11-28 08:15  De: 1 (418) 425-6508  Julie Fortin   p. 1 de 3
${BANNER}

BORDEREAU DE TÉLÉCOPIE

À : Clinique Radiologique Laval          Télécopieur : 450 555-9000
De : Julie Fortin, IPSPL                 Téléphone : 450 555-7171
Nombre de pages : 3 (incluant celle-ci)
Objet : Ordonnance d'échographie
`,
      `2026-11-28 08:15  1 (418) 425-6508  Julie Fortin   p. 2 de 3
ORDONNANCE INDIVIDUELLE - IMAGERIE
Prescripteur : Julie Fortin, IPSPL     Permis OIIQ : 1612345
Coordonnées : 450 555-7171
Usager : Bergeron Nathalie
Date de naissance : 12/06/1975           NAM : BERN75561219
Examen : Échographie pelvienne endovaginale
Motif : Saignements post-ménopausiques
Date de l'ordonnance : 27 novembre 2026
Signé électroniquement par Julie Fortin, IPSPL
`,
      `2026-11-28 08:15  1 (418) 425-6508  Julie Fortin   p. 3 de 3
Fin du document.
`,
    ],
    expected: {
      header: {
        serviceNumberInHeader: true,
        serviceNumberAnywhere: true,
        sender: { firstName: 'Julie', lastName: 'Fortin' },
        pageCount: 3,
        banner: ALL_BANNER,
      },
      prescriber: { firstName: 'Julie', lastName: 'Fortin', phone: '4505557171', permit: '1612345' },
      patient: {
        firstName: 'Nathalie',
        lastName: 'Bergeron',
        birthDate: '1975-06-12',
        nam: 'BERN75561219',
        namRaw: null,
        altId: null,
      },
      exam: 'Échographie pelvienne endovaginale',
      clinicalInfo: 'Saignements post-ménopausiques',
      orderDate: '2026-11-27',
      recipients: ['Clinique Radiologique Laval'],
      isOrder: true,
      signed: true,
      repairs: [],
      provenance: {},
    },
  },
  {
    name: 'lab results (not an order)',
    pages: [
      `22/11/2026 07:58  14184256508 Louis Cloutier   Page 1/1
${BANNER}
RÉSULTATS DE LABORATOIRE
Patient : TREMBLAY, Jacques       DDN : 1948-05-22
NAM : TREJ 4805 2211
Médecin demandeur : Dr Louis Cloutier     Tél : 418 555-2323
Prélevé le : 2026-11-20
Analyse          Résultat     Unités      Valeurs de référence
Hémoglobine      128          g/L         135-175
Créatinine       96           µmol/L      60-110
Commentaire : Suivi recommandé. Échographie rénale antérieure normale.
`,
    ],
    expected: {
      header: {
        serviceNumberInHeader: true,
        serviceNumberAnywhere: true,
        sender: { firstName: 'Louis', lastName: 'Cloutier' },
        pageCount: 1,
        banner: ALL_BANNER,
      },
      prescriber: { firstName: 'Louis', lastName: 'Cloutier', phone: '4185552323', permit: null },
      patient: {
        firstName: 'Jacques',
        lastName: 'TREMBLAY',
        birthDate: '1948-05-22',
        nam: 'TREJ48052211',
        namRaw: null,
        altId: null,
      },
      exam: null,
      clinicalInfo: null,
      orderDate: null,
      recipients: [],
      isOrder: false,
      signed: false,
      repairs: [],
      provenance: {},
    },
  },
  {
    name: 'fax that did not come through the service',
    pages: [
      `NOV-26-2026 11:02 FROM: CLINIQUE MED. DU PARC 5145550101   TO: 5145559999    P.1/1
ORDONNANCE
Nom du patient : Karine Bouchard
DDN : 1990-08-14
RAMQ : BOUK 9058 1411
Examen : IRM cérébrale
Indication : céphalées chroniques, R/O SEP
Dr François Nadeau    Tél. 514-555-0101    Permis 1-10101
Date : 26/11/2026
`,
    ],
    expected: {
      header: {
        serviceNumberInHeader: false,
        serviceNumberAnywhere: false,
        sender: null,
        pageCount: 1,
        banner: NO_BANNER,
      },
      prescriber: { firstName: 'François', lastName: 'Nadeau', phone: '5145550101', permit: '1-10101' },
      patient: {
        firstName: 'Karine',
        lastName: 'Bouchard',
        birthDate: '1990-08-14',
        nam: 'BOUK90581411',
        namRaw: null,
        altId: null,
      },
      exam: 'IRM cérébrale',
      clinicalInfo: 'céphalées chroniques, R/O SEP',
      orderDate: '2026-11-26',
      recipients: ['5145559999'],
      isOrder: true,
      signed: false,
      repairs: [],
      provenance: {},
    },
  },
  {
    name: 'order with a copy (cc) to another place',
    pages: [
      `29/11/2026 17:45 14184256508 Anne-Marie Dubé Page 1/1
${BANNER}
DEMANDE D'EXAMEN — MÉDECINE NUCLÉAIRE
Date : 2026-11-29
Patient(e) : Lucie Pelletier-Gauthier
Né(e) le : 23 avril 1971
N° RAMQ : PELL 7154 2308
Examen demandé : Scintigraphie osseuse corps entier
Renseignements cliniques : Néo du sein gauche traité en 2022.
Douleurs lombaires nouvelles. Bilan d'extension.
Médecin : Dre Anne-Marie Dubé, hémato-oncologie
Téléphone : 1-418-555-8787 poste 4410
No de permis : 1-99881
c.c. : Dr Pierre Lavoie, CLSC de Limoilou (418 555-1111)
`,
    ],
    expected: {
      header: {
        serviceNumberInHeader: true,
        serviceNumberAnywhere: true,
        sender: { firstName: 'Anne-Marie', lastName: 'Dubé' },
        pageCount: 1,
        banner: ALL_BANNER,
      },
      prescriber: { firstName: 'Anne-Marie', lastName: 'Dubé', phone: '4185558787', permit: '1-99881' },
      patient: {
        firstName: 'Lucie',
        lastName: 'Pelletier-Gauthier',
        birthDate: '1971-04-23',
        nam: 'PELL71542308',
        namRaw: null,
        altId: null,
      },
      exam: 'Scintigraphie osseuse corps entier',
      clinicalInfo: "Néo du sein gauche traité en 2022. Douleurs lombaires nouvelles. Bilan d'extension",
      orderDate: '2026-11-29',
      recipients: ['destinataire de cette télécopie', 'Dr Pierre Lavoie, CLSC de Limoilou'],
      isOrder: true,
      signed: false,
      repairs: [],
      provenance: {},
    },
  },
  {
    name: 'e-mail without NAM (address instead), service number given as the phone',
    pages: [
      `14184256508
Sylvie Caron
Page 1/1
${BANNER}
Bonjour,
Svp faire une radiographie du poignet gauche (3 vues) pour:
Patient: Mathis Gagnon-Roy
Date de naissance: 2015-06-30
Pas de carte RAMQ (nouvel arrivant). Adresse: 88 rue des Lilas, Lévis QC G6V 3K2
Raison: chute sur la main, douleur tabatière anatomique
Merci,
Sylvie Caron, IPSPL
Téléphone: 418 425-6508
Permis: 2045678
`,
    ],
    expected: {
      header: {
        serviceNumberInHeader: true,
        serviceNumberAnywhere: true,
        sender: { firstName: 'Sylvie', lastName: 'Caron' },
        pageCount: 1,
        banner: ALL_BANNER,
      },
      prescriber: { firstName: 'Sylvie', lastName: 'Caron', phone: '4184256508', permit: '2045678' },
      patient: {
        firstName: 'Mathis',
        lastName: 'Gagnon-Roy',
        birthDate: '2015-06-30',
        nam: null,
        namRaw: null,
        altId: '88 rue des Lilas, Lévis QC G6V 3K2',
      },
      exam: 'radiographie du poignet gauche',
      clinicalInfo: 'chute sur la main, douleur tabatière anatomique',
      orderDate: null,
      recipients: [],
      isOrder: true,
      signed: false,
      repairs: [],
      provenance: {},
    },
  },
  {
    name: 'referral letter without an imaging request (not an order)',
    pages: [
      `30/11/2026 12:10  14184256508 Pierre Fontaine   Page 1/1
${BANNER}
LETTRE DE RÉFÉRENCE
À : Dr Nguyen, gastro-entérologie, Hôtel-Dieu de Québec
Date : 2026-11-30
Patient : Robert Fortin, DDN 1960-10-10, NAM FORR 6010 1012
Cher collègue,
Je vous réfère M. Robert Fortin pour évaluation d'une dysphagie progressive.
Une échographie abdominale faite en 2025 était normale.
Dr Pierre Fontaine   Tél. : 418 555-4545   Permis : 1-45454
`,
    ],
    expected: {
      header: {
        serviceNumberInHeader: true,
        serviceNumberAnywhere: true,
        sender: { firstName: 'Pierre', lastName: 'Fontaine' },
        pageCount: 1,
        banner: ALL_BANNER,
      },
      prescriber: { firstName: 'Pierre', lastName: 'Fontaine', phone: '4185554545', permit: '1-45454' },
      patient: {
        firstName: 'Robert',
        lastName: 'Fortin',
        birthDate: '1960-10-10',
        nam: 'FORR60101012',
        namRaw: null,
        altId: null,
      },
      exam: null,
      clinicalInfo: null,
      orderDate: '2026-11-30',
      recipients: ['Dr Nguyen, gastro-entérologie, Hôtel-Dieu de Québec'],
      isOrder: false,
      signed: false,
      repairs: [],
      provenance: {},
    },
  },
];
