; Inno Setup script: wraps the one-folder build (dist/notice-studio) in an installer.
; Build the folder first with `python packaging/build.py`, then on Windows:
;   iscc packaging\windows\notice-studio.iss
#define AppName "Notice Studio"
#define AppVersion "0.1.0"

[Setup]
AppId={{6D1D6B4E-3E4B-4F57-9B54-1E0A5C7A9B21}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Notice Studio
DefaultDirName={autopf}\Notice Studio
DefaultGroupName=Notice Studio
OutputBaseFilename=NoticeStudio-{#AppVersion}-setup
SetupIconFile=..\icons\notice-studio.ico
UninstallDisplayIcon={app}\notice-studio.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesInstallIn64BitMode=x64compatible

[Files]
Source: "..\..\dist\notice-studio\*"; DestDir: "{app}"; Flags: recursesubdirs createallsubdirs ignoreversion

[Icons]
Name: "{group}\Notice Studio"; Filename: "{app}\notice-studio.exe"
Name: "{autodesktop}\Notice Studio"; Filename: "{app}\notice-studio.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Create a desktop shortcut"; Flags: unchecked

[Run]
Filename: "{app}\notice-studio.exe"; Description: "Start Notice Studio"; Flags: nowait postinstall skipifsilent
